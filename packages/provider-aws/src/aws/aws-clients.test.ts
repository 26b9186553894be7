import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ServiceContext } from '@stratus/core';
import { AwsClients, awsClientSettingsOf, endpointOverride, getAwsClients, resolveCredentialSource } from './aws-clients';
import { fakeAwsClients } from './__fixtures__/fake-aws';
import { isolateEnvironment } from './__fixtures__/isolated-env';

const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_CLOUDFORMATION',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'SLS_AWS_REQUEST_MAX_RETRIES',
];
isolateEnvironment(ENV_KEYS);

interface CapturedRequest {
  protocol: string;
  hostname: string;
  port: number | undefined;
  path: string;
}

/** Sends a command through a real SDK client and captures the HTTP request instead of sending it. */
async function capture(client: { middlewareStack: { add: Function }; send: Function }, command: unknown): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined;
  client.middlewareStack.add(
    () => async (args: { request: CapturedRequest }) => {
      captured = { protocol: args.request.protocol, hostname: args.request.hostname, port: args.request.port, path: args.request.path };
      throw new Error('captured');
    },
    { step: 'build', name: `capture${Math.random()}` },
  );
  await expect(client.send(command)).rejects.toThrow('captured');
  return captured!;
}

describe('lazy loading', () => {
  const SDK_PACKAGES = [
    '@aws-sdk/client-cloudformation',
    '@aws-sdk/client-s3',
    '@aws-sdk/client-lambda',
    '@aws-sdk/client-cloudwatch-logs',
    '@aws-sdk/client-ssm',
    '@aws-sdk/client-sts',
    '@aws-sdk/credential-providers',
  ];

  it('loads no @aws-sdk package when the modules are required, and only the needed one on first use', () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      for (const name of SDK_PACKAGES) {
        jest.doMock(name, () => {
          loaded.push(name);
          const Client = class {
            constructor(readonly config: unknown) {}
          };
          return { CloudFormationClient: Client, S3Client: Client, LambdaClient: Client, CloudWatchLogsClient: Client, SSMClient: Client, STSClient: Client, fromIni: () => async () => ({}) };
        });
      }
      const { AwsClients: IsolatedClients } = require('./aws-clients');
      require('./aws-errors');
      require('../variables/aws-variable-sources');
      require('../commands/register-logs-and-invoke');
      expect(loaded).toEqual([]);

      const clients = new IsolatedClients(() => ({ region: 'us-east-1' }), { env: {} });
      clients.cloudFormation();
      expect(loaded).toEqual(['@aws-sdk/client-cloudformation']);
      clients.cloudFormation('eu-west-1');
      clients.s3();
      expect(loaded).toEqual(['@aws-sdk/client-cloudformation', '@aws-sdk/client-s3']);
    });
    for (const name of SDK_PACKAGES) jest.dontMock(name);
  });

  it('keeps require.cache free of @aws-sdk in a plain Node process', () => {
    const root = path.resolve(__dirname, '../..');
    const script = `
      const fs = require('fs');
      const swc = require('@swc/core');
      require.extensions['.ts'] = (module, filename) => {
        const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
          filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
        });
        module._compile(code, filename);
      };
      require('./src/aws/aws-clients.ts');
      require('./src/variables/aws-variable-sources.ts');
      require('./src/commands/register-logs-and-invoke.ts');
      console.log(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes('@aws-sdk'))));
    `;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(JSON.parse(output.trim())).toEqual([]);
  });
});

describe('endpoint override (the SDK honours AWS_ENDPOINT_URL itself)', () => {
  const cfn = () => require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
  const s3 = () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  beforeEach(() => {
    // S3 resolves credentials before the request is built; nothing is sent.
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKE';
    process.env.AWS_SECRET_ACCESS_KEY = 'fake';
  });

  it('sends every service to AWS_ENDPOINT_URL, and S3 path-style', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const clients = new AwsClients(() => ({ region: 'us-east-1' }));
    // The SDK resolves the override per request, not into config.endpoint.
    expect(clients.cloudFormation().config.endpoint).toBeUndefined();
    expect(await capture(clients.cloudFormation(), new (cfn().DescribeStacksCommand)({}))).toEqual({ protocol: 'http:', hostname: 'localhost', port: 4566, path: '/' });
    expect(await clients.s3().config.forcePathStyle).toBe(true);
    expect(await capture(clients.s3(), new (s3().GetObjectCommand)({ Bucket: 'my-bucket', Key: 'a/b.json' }))).toEqual({
      protocol: 'http:',
      hostname: 'localhost',
      port: 4566,
      path: '/my-bucket/a/b.json',
    });
  });

  it('would use bucket subdomains of the override without forcePathStyle (why Stratus sets it)', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const plain = new (s3().S3Client)({ region: 'us-east-1' });
    expect((await capture(plain, new (s3().GetObjectCommand)({ Bucket: 'my-bucket', Key: 'k' }))).hostname).toBe('my-bucket.localhost');
  });

  it('applies AWS_ENDPOINT_URL_<SERVICE> to that service only', async () => {
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:5001';
    const clients = new AwsClients(() => ({ region: 'eu-west-1' }));
    expect(await capture(clients.s3(), new (s3().GetObjectCommand)({ Bucket: 'b', Key: 'k' }))).toMatchObject({ hostname: '127.0.0.1', port: 5001, path: '/b/k' });
    expect((await capture(clients.cloudFormation(), new (cfn().DescribeStacksCommand)({}))).hostname).toBe('cloudformation.eu-west-1.amazonaws.com');
  });

  it('talks to AWS with virtual-hosted S3 when nothing is set', async () => {
    const clients = new AwsClients(() => ({ region: 'us-east-1' }));
    expect(await clients.s3().config.forcePathStyle).toBe(false);
    expect((await capture(clients.s3(), new (s3().GetObjectCommand)({ Bucket: 'my-bucket', Key: 'k' }))).hostname).toBe('my-bucket.s3.us-east-1.amazonaws.com');
  });

  it('knows which override applies to which service', () => {
    expect(endpointOverride('s3', { AWS_ENDPOINT_URL: 'http://a' })).toBe('http://a');
    expect(endpointOverride('s3', { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_S3: 'http://s3' })).toBe('http://s3');
    expect(endpointOverride('logs', { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://logs' })).toBe('http://logs');
    expect(endpointOverride('cloudFormation', { AWS_ENDPOINT_URL_S3: 'http://s3' })).toBeUndefined();
    expect(endpointOverride('s3', { AWS_ENDPOINT_URL: 'http://a', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
  });
});

describe('client configuration', () => {
  it('uses standard retries with v3 retry count, overridable with SLS_AWS_REQUEST_MAX_RETRIES', async () => {
    const clients = new AwsClients(() => ({ region: 'us-east-1' }));
    expect(await clients.lambda().config.maxAttempts()).toBe(5);
    expect(clients.lambda().config.retryMode).toBe('standard');
    const custom = new AwsClients(() => ({ region: 'us-east-1' }), { env: { SLS_AWS_REQUEST_MAX_RETRIES: '9' }, factory: (_service, config) => ({ config }) });
    expect((custom.ssm() as unknown as { config: object }).config).toMatchObject({ maxAttempts: 10, retryMode: 'standard', region: 'us-east-1' });
  });

  it('memoises one client per service and region, read lazily', () => {
    let region = 'us-east-1';
    const { clients, configs } = fakeAwsClients({});
    const lazy = new AwsClients(() => ({ region }), { env: {}, factory: (service, config) => ({ service, config }) });
    expect(clients.cloudFormation()).toBe(clients.cloudFormation());
    expect(clients.cloudFormation('eu-west-1')).not.toBe(clients.cloudFormation());
    expect(configs.map((entry) => entry.config.region)).toEqual(['us-east-1', 'eu-west-1']);
    const first = lazy.logs();
    region = 'ap-south-1';
    expect(lazy.logs()).not.toBe(first);
    expect((lazy.logs() as unknown as { config: { region: string } }).config.region).toBe('ap-south-1');
    expect(lazy.region).toBe('ap-south-1');
  });

  it('sets followRegionRedirects on S3, and forcePathStyle only with an override', () => {
    const withOverride = new AwsClients(() => ({ region: 'us-east-1' }), { env: { AWS_ENDPOINT_URL: 'http://localhost:1' }, factory: (_s, config) => ({ config }) });
    expect((withOverride.s3() as unknown as { config: object }).config).toMatchObject({ forcePathStyle: true, followRegionRedirects: true });
    expect((withOverride.cloudFormation() as unknown as { config: object }).config).not.toHaveProperty('forcePathStyle');
    const { clients, configs } = fakeAwsClients({});
    clients.s3();
    expect(configs[0]?.config.forcePathStyle).toBeUndefined();
  });

  it('asks STS for the account once', async () => {
    const { clients, calls } = fakeAwsClients({ GetCallerIdentity: () => ({ Account: '123456789012', Arn: 'arn:aws-cn:iam::123456789012:user/me', UserId: 'AID' }) });
    const [a, b] = await Promise.all([clients.accountId(), clients.accountId()]);
    expect([a, b]).toEqual(['123456789012', '123456789012']);
    expect(await clients.accountInfo()).toEqual({ accountId: '123456789012', partition: 'aws-cn', arn: 'arn:aws-cn:iam::123456789012:user/me', userId: 'AID' });
    expect(calls).toHaveLength(1);
  });

  it('retries the account lookup after a failure, and maps the error', async () => {
    let fail = true;
    const { clients } = fakeAwsClients({
      GetCallerIdentity: () => {
        if (fail) throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
        return { Account: '1', Arn: 'arn:aws:sts::1:x' };
      },
    });
    await expect(clients.accountId()).rejects.toMatchObject({ code: 'AWS_S_T_S_GET_CALLER_IDENTITY_CREDENTIALS_PROVIDER_ERROR' });
    fail = false;
    await expect(clients.accountId()).resolves.toBe('1');
  });
});

describe('credentials', () => {
  const keys = (prefix: string, id: string): Record<string, string> => ({ [`${prefix}_ACCESS_KEY_ID`]: id, [`${prefix}_SECRET_ACCESS_KEY`]: 'secret' });

  it('follows v3 precedence: --aws-profile > AWS_<STAGE>_PROFILE > AWS_<STAGE>_ keys > AWS_PROFILE > env keys > provider.profile > provider.credentials > AWS_DEFAULT_PROFILE', () => {
    const env: Record<string, string> = { AWS_PROD_PROFILE: 'stage-profile', ...keys('AWS_PROD', 'STAGEKEY'), AWS_PROFILE: 'env-profile', ...keys('AWS', 'ENVKEY'), AWS_DEFAULT_PROFILE: 'default-profile' };
    const settings = { region: 'us-east-1', stage: 'prod', profile: 'cli', providerProfile: 'config', providerCredentials: { accessKeyId: 'CFG', secretAccessKey: 's' } };
    expect(resolveCredentialSource(settings, env)).toEqual({ kind: 'profile', profile: 'cli', origin: '--aws-profile' });
    const noCli = { ...settings, profile: undefined };
    expect(resolveCredentialSource(noCli, env)).toEqual({ kind: 'profile', profile: 'stage-profile', origin: 'AWS_PROD_PROFILE' });
    const without = (from: Record<string, string>, key: string) => Object.fromEntries(Object.entries(from).filter(([name]) => name !== key));
    const env2 = without(env, 'AWS_PROD_PROFILE');
    expect(resolveCredentialSource(noCli, env2)).toEqual({ kind: 'static', credentials: { accessKeyId: 'STAGEKEY', secretAccessKey: 'secret' }, origin: 'AWS_PROD_ACCESS_KEY_ID' });
    const env3 = without(env2, 'AWS_PROD_ACCESS_KEY_ID');
    expect(resolveCredentialSource(noCli, env3)).toEqual({ kind: 'profile', profile: 'env-profile', origin: 'AWS_PROFILE' });
    const env4 = without(env3, 'AWS_PROFILE');
    expect(resolveCredentialSource(noCli, env4)).toEqual({ kind: 'default', origin: 'AWS_ACCESS_KEY_ID' });
    const env5 = without(env4, 'AWS_ACCESS_KEY_ID');
    expect(resolveCredentialSource(noCli, env5)).toEqual({ kind: 'profile', profile: 'config', origin: 'provider.profile' });
    expect(resolveCredentialSource({ ...noCli, providerProfile: undefined }, env5)).toMatchObject({ kind: 'static', origin: 'provider.credentials' });
    expect(resolveCredentialSource({ region: 'x' }, env5)).toEqual({ kind: 'profile', profile: 'default-profile', origin: 'AWS_DEFAULT_PROFILE' });
    expect(resolveCredentialSource({ region: 'x' }, {})).toEqual({ kind: 'default', origin: 'the AWS SDK default credential chain' });
  });

  it('reads stage variables with a hyphenated stage in either spelling, with a session token', () => {
    expect(resolveCredentialSource({ region: 'x', stage: 'my-stage' }, { 'AWS_MY-STAGE_PROFILE': 'p' })).toMatchObject({ profile: 'p' });
    expect(resolveCredentialSource({ region: 'x', stage: 'my-stage' }, { ...keys('AWS_MY_STAGE', 'K'), AWS_MY_STAGE_SESSION_TOKEN: 'T' })).toEqual({
      kind: 'static',
      credentials: { accessKeyId: 'K', secretAccessKey: 'secret', sessionToken: 'T' },
      origin: 'AWS_MY_STAGE_ACCESS_KEY_ID',
    });
  });

  it('loads a named profile with fromIni, shared by all clients', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stratus-aws-'));
    writeFileSync(path.join(dir, 'credentials'), '[stratus-test]\naws_access_key_id = AKIATEST\naws_secret_access_key = shh\n');
    writeFileSync(path.join(dir, 'config'), '');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_ACCESS_KEY_ID = 'ENVKEY';
    process.env.AWS_SECRET_ACCESS_KEY = 'envsecret';
    const clients = new AwsClients(() => ({ region: 'us-east-1', profile: 'stratus-test' }));
    expect(await clients.sts().config.credentials()).toMatchObject({ accessKeyId: 'AKIATEST', secretAccessKey: 'shh' });
    expect(await clients.s3('eu-west-1').config.credentials()).toMatchObject({ accessKeyId: 'AKIATEST' });
    // Without a profile the SDK's default chain finds the environment keys.
    const defaults = new AwsClients(() => ({ region: 'us-east-1' }));
    expect(await defaults.sts().config.credentials()).toMatchObject({ accessKeyId: 'ENVKEY' });
  });

  it('reports a missing profile as a credentials problem', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stratus-aws-'));
    writeFileSync(path.join(dir, 'credentials'), '');
    writeFileSync(path.join(dir, 'config'), '');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    const clients = new AwsClients(() => ({ region: 'us-east-1', profile: 'nope' }));
    await expect(clients.sts().config.credentials()).rejects.toThrow(/nope/);
  });

  it('reads settings from the service context: --aws-profile, provider.profile, provider.credentials, stage, region', () => {
    const context = {
      configuration: { provider: { name: 'aws', stage: 'prod', region: 'eu-west-1', profile: 'cfg', credentials: { accessKeyId: 'A', secretAccessKey: 'B' } } },
      options: { 'aws-profile': 'cli' },
    };
    expect(awsClientSettingsOf(context)).toEqual({
      region: 'eu-west-1',
      stage: 'prod',
      profile: 'cli',
      providerProfile: 'cfg',
      providerCredentials: { accessKeyId: 'A', secretAccessKey: 'B' },
    });
    expect(awsClientSettingsOf({ configuration: { provider: { profile: '${ssm:/x}' } }, options: { stage: 'dev' } })).toEqual({ region: 'us-east-1', stage: 'dev' });
  });

  it('shares one AwsClients per run', () => {
    const service = { configuration: {}, options: {} } as unknown as ServiceContext;
    expect(getAwsClients(service)).toBe(getAwsClients(service));
    expect(getAwsClients({ ...service })).not.toBe(getAwsClients(service));
  });
});
