import { readSettings } from '../settings';
import { fakeSsm } from '../test-support';
import { SsmSecretsStore } from './ssm-store';

const settings = (custom: Record<string, unknown> = {}) => readSettings({ service: 'shop', stage: 'prod', custom });

describe('SsmSecretsStore', () => {
  it('stores SecureStrings under /<service>/<stage>/<name>, with the configured KMS key', async () => {
    const { client, parameters } = fakeSsm();
    const store = new SsmSecretsStore(client, settings({ kmsKeyId: 'alias/shop' }), 'eu-west-1');
    await store.set('DB_PASSWORD', 'hunter2');
    expect(parameters.get('/shop/prod/DB_PASSWORD')).toEqual({ Value: 'hunter2', Version: 1, KeyId: 'alias/shop', Type: 'SecureString' });
    expect(await store.get('DB_PASSWORD')).toBe('hunter2');
    await store.set('DB_PASSWORD', 'rotated');
    expect(await store.versions(['DB_PASSWORD'])).toEqual(new Map([['DB_PASSWORD', 2]]));
    expect(store.where).toBe('SSM Parameter Store (eu-west-1) under /shop/prod');
  });

  it('a configured prefix replaces the default; values over 4 KB use the advanced tier', async () => {
    const { client, parameters } = fakeSsm();
    const store = new SsmSecretsStore(client, settings({ prefix: '/org/shop-prod/' }), 'us-east-1');
    await store.set('CERT', 'x'.repeat(5000));
    expect(parameters.get('/org/shop-prod/CERT')).toMatchObject({ Tier: 'Advanced', Type: 'SecureString' });
  });

  it('reads many values in calls of at most 10 and names every missing one', async () => {
    const { client, sent } = fakeSsm();
    const store = new SsmSecretsStore(client, settings(), 'us-east-1');
    const names = Array.from({ length: 12 }, (_, index) => `S${index}`);
    for (const name of names) await store.set(name, `value-${name}`);
    sent.length = 0;
    const values = await store.getMany(names);
    expect(values.get('S11')).toBe('value-S11');
    expect(sent).toHaveLength(2);
    expect(await store.valuesWithVersions(['S1'])).toEqual(new Map([['S1', { value: 'value-S1', version: 1 }]]));
    await expect(store.getMany(['S1', 'NOPE', 'ALSO_NOPE'])).rejects.toMatchObject({ code: 'SECRETS_NOT_SET', message: expect.stringContaining('NOPE, ALSO_NOPE') });
  });

  it('lists names (every page) without values; removes; a missing secret is SECRETS_NOT_FOUND with a hint', async () => {
    const { client } = fakeSsm();
    const store = new SsmSecretsStore(client, settings(), 'us-east-1');
    for (const name of ['C', 'A', 'B']) await store.set(name, `value-${name}`);
    await new SsmSecretsStore(client, readSettings({ service: 'shop', stage: 'dev', custom: {} }), 'us-east-1').set('OTHER_STAGE', 'x');
    const rows = await store.list();
    expect(rows).toEqual([
      { name: 'A', updatedAt: '2024-05-01T00:00:00.000Z', version: 1 },
      { name: 'B', updatedAt: '2024-05-01T00:00:00.000Z', version: 1 },
      { name: 'C', updatedAt: '2024-05-01T00:00:00.000Z', version: 1 },
    ]);
    await store.remove('B');
    expect((await store.list()).map((row) => row.name)).toEqual(['A', 'C']);
    await expect(store.remove('B')).rejects.toMatchObject({ code: 'SECRETS_NOT_FOUND', hint: expect.stringContaining('stratus secrets set --name B --stage prod') });
    await expect(store.get('B')).rejects.toMatchObject({ code: 'SECRETS_NOT_FOUND' });
  });

  it('other AWS errors name the action, the parameter and the region', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: ssm:PutParameter'), { name: 'AccessDeniedException' });
    const store = new SsmSecretsStore({ send: () => Promise.reject(denied) }, settings(), 'ap-south-1');
    await expect(store.set('A', 'a')).rejects.toMatchObject({ code: 'SECRETS_AWS_FAILED', message: expect.stringMatching(/set \/shop\/prod\/A .*ap-south-1.*AccessDeniedException/) });
  });
});
