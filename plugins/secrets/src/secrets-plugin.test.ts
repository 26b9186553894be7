import path from 'node:path';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import * as runtime from '@stratus/secrets-runtime';
import type { VariableSourceContext } from '@stratus/core';
import { LOCAL_VALUES_VARIABLE, SECRETS_VARIABLE, SOURCE_VARIABLE } from './deploy/function-environment';
import { createSecretsPlugin } from './secrets-plugin';
import { fakeApi, fakeSsm, keyOf, removeTempDirs, tempDir } from './test-support';
import { LocalKeyRing } from './local/key-ring';
import { LocalSecretsStore } from './local/local-store';

afterAll(removeTempDirs);

type Config = Record<string, any>;

function serviceConfig(custom: Record<string, unknown> = {}): Config {
  return {
    service: 'shop',
    provider: { name: 'aws', stage: 'prod', secrets: ['SHARED'], environment: { TABLE: 'orders' } },
    custom: { secrets: custom },
    functions: { api: { handler: 'h.api', secrets: ['DB_PASSWORD'] }, cron: { handler: 'h.cron' } },
  };
}

/** Apply the plugin to a fake API and resolve `${secret:…}` references the way the core would. */
async function applied(configuration: Config, options: { commands?: string[]; cliOptions?: Record<string, unknown>; ssm?: ReturnType<typeof fakeSsm>; env?: NodeJS.ProcessEnv; serviceDir?: string } = {}) {
  const serviceDir = options.serviceDir ?? tempDir('service');
  const fake = fakeApi(configuration, options.cliOptions ?? {}, serviceDir, options.commands ?? ['package']);
  const ssm = options.ssm ?? fakeSsm();
  createSecretsPlugin({ env: options.env ?? { HOME: tempDir('home') }, ssmClient: () => ssm.client }).apply(fake.api);
  const resolveSecret = (address: string) =>
    fake.sources.get('secret')!.resolve({
      address,
      params: [],
      options: {},
      serviceDir,
      propertyPath: 'x',
      resolveConfigurationProperty: async (keys: string[]) => keys.reduce<any>((value, key) => value?.[key], configuration),
    } as unknown as VariableSourceContext);
  const resolved = async () => {
    for (const hook of fake.configResolved) await hook();
    await fake.run('initialize');
  };
  return { ...fake, ssm, serviceDir, resolveSecret, resolved };
}

it('speaks the same environment contract as @stratus/secrets-runtime', () => {
  expect([SECRETS_VARIABLE, SOURCE_VARIABLE, LOCAL_VALUES_VARIABLE]).toEqual([runtime.SECRETS_VARIABLE, runtime.SOURCE_VARIABLE, runtime.LOCAL_VALUES_VARIABLE]);
});

describe('${secret:NAME}', () => {
  it('is the parameter name in runtime mode and a NoEcho stack parameter reference in deploy mode; never a value', async () => {
    expect((await (await applied(serviceConfig())).resolveSecret('API_KEY')).value).toBe('/shop/prod/API_KEY');
    expect((await (await applied(serviceConfig({ prefix: '/org/shop' }))).resolveSecret('API_KEY')).value).toBe('/org/shop/API_KEY');
    expect((await (await applied(serviceConfig({ mode: 'deploy' }))).resolveSecret('API_KEY')).value).toEqual({ Ref: 'StratusSecretAPIKEY' });
    await expect((await applied(serviceConfig())).resolveSecret('bad name!')).rejects.toMatchObject({ code: 'SECRETS_INVALID_NAME' });
    await expect((await applied(serviceConfig({ mode: 'sometimes' }))).resolveSecret('A')).rejects.toMatchObject({ code: 'SECRETS_INVALID_SETTING', message: expect.stringContaining('custom.secrets.mode') });
  });
});

describe('once the configuration is resolved', () => {
  it('provider.secrets stays out of schema validation and is back for the command', async () => {
    const configuration = serviceConfig();
    const plugin = await applied(configuration);
    for (const hook of plugin.configResolved) await hook();
    expect(configuration.provider).not.toHaveProperty('secrets');
    await plugin.run('initialize');
    expect(configuration.provider.secrets).toEqual(['SHARED']);
  });

  it('a secrets list that is not a list of names is an error naming the key', async () => {
    const configuration = serviceConfig();
    configuration.functions.api.secrets = 'DB_PASSWORD';
    await expect((await applied(configuration)).resolved()).rejects.toMatchObject({ code: 'SECRETS_INVALID_LIST', message: expect.stringContaining('functions.api.secrets') });
  });
});

describe('runtime mode (default), package', () => {
  it('functions get parameter names, the role exactly those parameters, and the local files stay out of the zip', async () => {
    const configuration = serviceConfig();
    const plugin = await applied(configuration);
    configuration.provider.environment.REF = (await plugin.resolveSecret('REFERENCED')).value;
    await plugin.resolved();
    await plugin.run('before:package:setupProviderConfiguration');

    expect(JSON.parse(configuration.functions.api.environment[SECRETS_VARIABLE])).toEqual({ SHARED: '/shop/prod/SHARED', DB_PASSWORD: '/shop/prod/DB_PASSWORD' });
    expect(JSON.parse(configuration.functions.cron.environment[SECRETS_VARIABLE])).toEqual({ SHARED: '/shop/prod/SHARED' });
    expect(configuration.provider.environment).toEqual({ TABLE: 'orders', REF: '/shop/prod/REFERENCED' });
    const [ssm, kms] = configuration.provider.iam.role.statements;
    expect(ssm.Resource.map((arn: { 'Fn::Sub': string }) => arn['Fn::Sub'].split(':parameter')[1])).toEqual(['/shop/prod/DB_PASSWORD', '/shop/prod/REFERENCED', '/shop/prod/SHARED']);
    expect(kms.Action).toEqual(['kms:Decrypt']);
    expect(configuration.package.patterns).toEqual(['!secrets.*.enc.json', '!secrets.*.enc.json.lock']);
  });

  it('deploy checks that every secret exists in SSM before deploying', async () => {
    const ssm = fakeSsm();
    const configuration = serviceConfig();
    const plugin = await applied(configuration, { ssm, commands: ['deploy'] });
    await plugin.resolved();
    await ssm.client.send(new PutParameterCommand({ Name: '/shop/prod/SHARED', Value: 'x', Type: 'SecureString' }));
    await expect(plugin.run('before:deploy:deploy')).rejects.toMatchObject({ code: 'SECRETS_NOT_SET', message: expect.stringContaining('DB_PASSWORD') });
  });

  it('a service without secrets is left as it is (apart from the zip exclusion)', async () => {
    const configuration: Config = { service: 's', provider: { name: 'aws' }, functions: { a: { handler: 'h.a' } } };
    const plugin = await applied(configuration);
    await plugin.resolved();
    await plugin.run('before:package:setupProviderConfiguration');
    await plugin.run('before:deploy:deploy');
    expect(configuration).toEqual({ service: 's', provider: { name: 'aws' }, functions: { a: { handler: 'h.a' } }, package: { patterns: ['!secrets.*.enc.json', '!secrets.*.enc.json.lock'] } });
  });
});

describe('deploy mode', () => {
  async function deployMode() {
    const ssm = fakeSsm();
    for (const [name, value] of [['SHARED', 'shared-value-1'], ['DB_PASSWORD', 'db-value-1'], ['REFERENCED', 'ref-value-1']]) {
      await ssm.client.send(new PutParameterCommand({ Name: `/shop/prod/${name}`, Value: value, Type: 'SecureString' }));
    }
    await ssm.client.send(new PutParameterCommand({ Name: '/shop/prod/DB_PASSWORD', Value: 'db-value-2', Type: 'SecureString' }));
    const configuration = serviceConfig({ mode: 'deploy' });
    const plugin = await applied(configuration, { ssm, commands: ['deploy'] });
    configuration.functions.cron.environment = { REF: (await plugin.resolveSecret('REFERENCED')).value };
    await plugin.resolved();
    return { configuration, plugin };
  }

  it('the template gets NoEcho parameters and references; values only as stack parameters around updateStack', async () => {
    const { configuration, plugin } = await deployMode();
    await plugin.run('before:package:setupProviderConfiguration');
    expect(configuration.functions.api.environment).toMatchObject({ [SOURCE_VARIABLE]: 'env', SHARED: { Ref: 'StratusSecretSHARED' }, DB_PASSWORD: { Ref: 'StratusSecretDBPASSWORD' } });
    expect(configuration.provider.iam).toBeUndefined();
    const template: Config = { Resources: {}, Outputs: {} };
    configuration.provider.compiledCloudFormationTemplate = template;
    await plugin.run('after:package:compileFunctions');
    expect(template.Parameters.StratusSecretDBPASSWORD).toEqual({ Type: 'String', NoEcho: true, Description: 'Secret DB_PASSWORD (SSM /shop/prod/DB_PASSWORD)' });
    expect(Object.keys(template.Parameters).sort()).toEqual(['StratusSecretDBPASSWORD', 'StratusSecretREFERENCED', 'StratusSecretSHARED']);
    // What package writes to .serverless/ at this point has no value in it.
    expect(JSON.stringify(configuration)).not.toContain('-value-');

    await plugin.run('before:deploy:deploy');
    // The version makes a rotated secret a template change (the deploy is not skipped as unchanged).
    expect(template.Parameters.StratusSecretDBPASSWORD.Description).toBe('Secret DB_PASSWORD (SSM /shop/prod/DB_PASSWORD, version 2)');
    expect(JSON.stringify(configuration)).not.toContain('-value-');
    await plugin.run('before:aws:deploy:deploy:updateStack');
    expect(configuration.provider.stackParameters).toEqual([
      { ParameterKey: 'StratusSecretDBPASSWORD', ParameterValue: 'db-value-2' },
      { ParameterKey: 'StratusSecretREFERENCED', ParameterValue: 'ref-value-1' },
      { ParameterKey: 'StratusSecretSHARED', ParameterValue: 'shared-value-1' },
    ]);
    await plugin.run('after:aws:deploy:deploy:updateStack');
    expect(configuration.provider.stackParameters).toBeUndefined();
  });

  it('every value read is masked in the CLI output from then on', async () => {
    const { plugin } = await deployMode();
    await plugin.run('before:deploy:deploy');
    plugin.log.error('CloudFormation said: db-value-2 is not allowed; "ref-value-1"');
    plugin.log.writeText(JSON.stringify({ shared: 'shared-value-1' }));
    const output = plugin.lines.join('');
    expect(output).not.toContain('-value-');
    expect(output).toContain('CloudFormation said: **** is not allowed; "****"');
  });

  it('a secret that would replace an environment variable of the same name is an error', async () => {
    const configuration = serviceConfig({ mode: 'deploy' });
    configuration.provider.environment.SHARED = 'plain';
    const plugin = await applied(configuration);
    await plugin.resolved();
    await expect(plugin.run('before:package:setupProviderConfiguration')).rejects.toMatchObject({ code: 'SECRETS_ENVIRONMENT_CONFLICT', message: expect.stringContaining('provider.environment.SHARED') });
  });
});

describe('local runs (invoke local, offline)', () => {
  async function withLocalFile(custom: Record<string, unknown> = {}, commands = ['invoke', 'local']) {
    const serviceDir = tempDir('service');
    const env = { HOME: tempDir('home'), STRATUS_SECRETS_KEY: keyOf(9) };
    const store = new LocalSecretsStore({ file: path.join(serviceDir, 'secrets.prod.enc.json'), service: 'shop', stage: 'prod', keys: new LocalKeyRing({ service: 'shop', serviceDir, env }) });
    await store.set('SHARED', 'local-shared');
    await store.set('DB_PASSWORD', 'local-db');
    const configuration = serviceConfig(custom);
    const plugin = await applied(configuration, { env, serviceDir, commands });
    return { configuration, plugin, store };
  }

  it('runtime mode: the same environment as in AWS, plus the local values for the runtime helper', async () => {
    const { configuration, plugin } = await withLocalFile();
    await plugin.resolved();
    await plugin.run('before:invoke:local:invoke');
    const env = configuration.functions.api.environment;
    expect(JSON.parse(env[SECRETS_VARIABLE])).toEqual({ SHARED: '/shop/prod/SHARED', DB_PASSWORD: '/shop/prod/DB_PASSWORD' });
    expect(JSON.parse(env[LOCAL_VALUES_VARIABLE])).toEqual({ '/shop/prod/DB_PASSWORD': 'local-db', '/shop/prod/SHARED': 'local-shared' });
    // The helper reads them as it would in AWS.
    runtime.configureSecrets({ env });
    try {
      expect(await runtime.loadSecrets()).toEqual({ SHARED: 'local-shared', DB_PASSWORD: 'local-db' });
    } finally {
      runtime.configureSecrets({});
    }
    plugin.log('local-db');
    expect(plugin.lines.join('')).not.toContain('local-db');
  });

  it('deploy mode: the stack parameter references become the local values', async () => {
    const { configuration, plugin } = await withLocalFile({ mode: 'deploy' });
    await plugin.resolved();
    await plugin.run('before:invoke:local:invoke');
    expect(configuration.functions.api.environment).toMatchObject({ SHARED: 'local-shared', DB_PASSWORD: 'local-db', [SOURCE_VARIABLE]: 'env' });
  });

  it('a secret missing from the local file stops the run, naming the file and the command to set it', async () => {
    const { configuration, plugin } = await withLocalFile();
    configuration.functions.cron.secrets = ['MISSING'];
    await plugin.resolved();
    await expect(plugin.run('before:invoke:local:invoke')).rejects.toMatchObject({ code: 'SECRETS_NOT_FOUND', message: expect.stringContaining('secrets.prod.enc.json'), hint: expect.stringContaining('--name MISSING --stage prod --local') });
  });

  it('the offline hooks are tapped only when offline is the command (so the offline plugin stays optional)', async () => {
    const offline = await withLocalFile({}, ['offline', 'start']);
    expect([...offline.plugin.hooks.keys()]).toEqual(expect.arrayContaining(['before:offline:start', 'before:offline:start:init']));
    await offline.plugin.resolved();
    await offline.plugin.run('before:offline:start:init');
    expect(offline.configuration.functions.api.environment[LOCAL_VALUES_VARIABLE]).toContain('local-db');
    const other = await withLocalFile({}, ['deploy']);
    expect([...other.plugin.hooks.keys()].filter((id) => id.includes('offline'))).toEqual([]);
  });

  it('offline: a reloaded serverless.yml gets the local values again', async () => {
    const { configuration, plugin } = await withLocalFile({}, ['offline']);
    await plugin.resolved();
    await plugin.run('before:offline:start:init');
    // What the core does on a reload: the fresh configuration replaces the live one in place.
    const fresh = serviceConfig();
    for (const key of Object.keys(configuration)) delete (configuration as Record<string, unknown>)[key];
    Object.assign(configuration, fresh);
    expect(configuration.functions.api.environment?.[LOCAL_VALUES_VARIABLE]).toBeUndefined();
    for (const hook of plugin.configResolved) await hook();
    for (const hook of plugin.configReloaded) await hook();
    expect(JSON.parse(configuration.functions.api.environment[LOCAL_VALUES_VARIABLE])).toMatchObject({ '/shop/prod/DB_PASSWORD': 'local-db' });
  });

  it('a wrong key is reported before anything runs', async () => {
    const { plugin } = await withLocalFile();
    const wrong = await applied(serviceConfig(), { env: { HOME: tempDir('home'), STRATUS_SECRETS_KEY: keyOf(1) }, serviceDir: plugin.serviceDir, commands: ['invoke', 'local'] });
    await wrong.resolved();
    await expect(wrong.run('before:invoke:local:invoke')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_WRONG_KEY' });
  });
});
