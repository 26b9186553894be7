import { GetParametersCommand } from '@aws-sdk/client-ssm';
import { clearSecretsCache, configureSecrets, getSecret, loadSecrets, LOCAL_VALUES_VARIABLE, SECRETS_VARIABLE, SOURCE_VARIABLE } from './index';

/** A fake SSM: answers GetParameters from a table and records every call's names. */
function fakeSsm(table: Record<string, string>, options: { fail?: Error } = {}) {
  const calls: string[][] = [];
  const client = {
    async send(command: unknown) {
      if (!(command instanceof GetParametersCommand)) throw new Error('unexpected command');
      expect(command.input.WithDecryption).toBe(true);
      const names = command.input.Names ?? [];
      calls.push([...names]);
      if (options.fail) throw options.fail;
      return {
        Parameters: names.filter((name) => name in table).map((name) => ({ Name: name, Value: table[name], Type: 'SecureString' })),
        InvalidParameters: names.filter((name) => !(name in table)),
      };
    },
  };
  return { client, calls };
}

const declared = (map: Record<string, string>) => ({ [SECRETS_VARIABLE]: JSON.stringify(map) });

afterEach(() => configureSecrets({}));

describe('in AWS (runtime mode)', () => {
  it('loads every declared secret in one call at cold start and serves later reads from the cache', async () => {
    const { client, calls } = fakeSsm({ '/shop/prod/DB': 'db-value', '/shop/prod/API': 'api-value' });
    configureSecrets({ client, env: declared({ DB: '/shop/prod/DB', API: '/shop/prod/API' }) });
    expect(await loadSecrets()).toEqual({ DB: 'db-value', API: 'api-value' });
    expect(await getSecret('DB')).toBe('db-value');
    expect(await getSecret('/shop/prod/API')).toBe('api-value');
    expect(calls).toEqual([['/shop/prod/DB', '/shop/prod/API']]);
  });

  it('concurrent first reads share one request; clearSecretsCache fetches again', async () => {
    const { client, calls } = fakeSsm({ '/s/d/A': 'a' });
    configureSecrets({ client, env: declared({ A: '/s/d/A' }) });
    expect(await Promise.all([getSecret('A'), getSecret('A'), loadSecrets()])).toEqual(['a', 'a', { A: 'a' }]);
    expect(calls).toHaveLength(1);
    clearSecretsCache();
    await getSecret('A');
    expect(calls).toHaveLength(2);
  });

  it('asks for at most 10 parameters per call', async () => {
    const table = Object.fromEntries(Array.from({ length: 23 }, (_, index) => [`/s/d/S${index}`, `v${index}`]));
    const { client, calls } = fakeSsm(table);
    configureSecrets({ client, env: declared(Object.fromEntries(Object.keys(table).map((parameter) => [parameter.slice(5), parameter]))) });
    const values = await loadSecrets();
    expect(Object.keys(values)).toHaveLength(23);
    expect(values.S22).toBe('v22');
    expect(calls.map((names) => names.length)).toEqual([10, 10, 3]);
  });

  it('a missing parameter is named, and the failure is not cached', async () => {
    const table: Record<string, string> = { '/s/d/A': 'a' };
    const { client, calls } = fakeSsm(table);
    configureSecrets({ client, env: declared({ A: '/s/d/A', B: '/s/d/B' }) });
    await expect(loadSecrets()).rejects.toMatchObject({ code: 'SECRETS_RUNTIME_NOT_FOUND', message: expect.stringContaining('/s/d/B') });
    table['/s/d/B'] = 'b';
    expect(await getSecret('B')).toBe('b');
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  it('an SSM error says which permissions the role needs', async () => {
    const denied = Object.assign(new Error('not authorized to perform ssm:GetParameters'), { name: 'AccessDeniedException' });
    configureSecrets({ client: fakeSsm({}, { fail: denied }).client, env: declared({ A: '/s/d/A' }) });
    await expect(getSecret('A')).rejects.toMatchObject({ code: 'SECRETS_RUNTIME_SSM_FAILED', message: expect.stringContaining('kms:Decrypt') });
  });

  it('an undeclared name is an error that lists the declared ones', async () => {
    configureSecrets({ client: fakeSsm({}).client, env: declared({ A: '/s/d/A' }) });
    await expect(getSecret('NOPE')).rejects.toMatchObject({ code: 'SECRETS_RUNTIME_NOT_DECLARED', message: expect.stringContaining('declared: A') });
  });

  it('a corrupted STRATUS_SECRETS is reported as such', async () => {
    configureSecrets({ env: { [SECRETS_VARIABLE]: '{not json' } });
    await expect(loadSecrets()).rejects.toMatchObject({ code: 'SECRETS_RUNTIME_INVALID_ENVIRONMENT' });
  });
});

describe('without SSM', () => {
  it('local runs read the values the CLI injected, never calling SSM', async () => {
    const { client, calls } = fakeSsm({});
    configureSecrets({ client, env: { ...declared({ A: '/s/d/A' }), [LOCAL_VALUES_VARIABLE]: JSON.stringify({ '/s/d/A': 'local-a', '/s/d/REF': 'local-ref' }) } });
    expect(await loadSecrets()).toEqual({ A: 'local-a' });
    expect(await getSecret('/s/d/REF')).toBe('local-ref');
    await expect(getSecret('/s/d/OTHER')).rejects.toMatchObject({ code: 'SECRETS_RUNTIME_NOT_SET_LOCALLY' });
    expect(calls).toHaveLength(0);
  });

  it('deploy mode reads the variable named after the secret', async () => {
    const { client, calls } = fakeSsm({});
    configureSecrets({ client, env: { ...declared({ A: '/s/d/A' }), [SOURCE_VARIABLE]: 'env', A: 'from-env' } });
    expect(await getSecret('A')).toBe('from-env');
    expect(await loadSecrets()).toEqual({ A: 'from-env' });
    expect(calls).toHaveLength(0);
  });

  it('reads process.env by default, on every call', async () => {
    const saved = { ...process.env };
    try {
      process.env[SECRETS_VARIABLE] = JSON.stringify({ A: '/s/d/A' });
      process.env[LOCAL_VALUES_VARIABLE] = JSON.stringify({ '/s/d/A': 'first' });
      expect(await getSecret('A')).toBe('first');
      process.env[LOCAL_VALUES_VARIABLE] = JSON.stringify({ '/s/d/A': 'second' });
      expect(await getSecret('A')).toBe('second');
    } finally {
      process.env = saved;
    }
  });
});
