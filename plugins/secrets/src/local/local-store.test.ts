import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { keyOf, removeTempDirs, tempDir } from '../test-support';
import { defaultKeyFile, LocalKeyRing } from './key-ring';
import { LocalSecretsStore, type LocalStoreOptions } from './local-store';
import type { SecretsFile } from './secrets-file';

interface Setup {
  serviceDir: string;
  home: string;
  file: string;
  store: (env?: NodeJS.ProcessEnv, stage?: string, extra?: Partial<LocalStoreOptions>) => LocalSecretsStore;
}

function setup(service = 'shop'): Setup {
  const serviceDir = tempDir('service');
  const home = tempDir('home');
  const file = path.join(serviceDir, 'secrets.dev.enc.json');
  const store = (env: NodeJS.ProcessEnv = { HOME: home }, stage = 'dev', extra: Partial<LocalStoreOptions> = {}) =>
    new LocalSecretsStore({ file: path.join(serviceDir, `secrets.${stage}.enc.json`), service, stage, keys: new LocalKeyRing({ service, serviceDir, env }), ...extra });
  return { serviceDir, home, file, store };
}

afterAll(removeTempDirs);

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
const writeJson = (file: string, data: unknown) => writeFileSync(file, JSON.stringify(data, null, 2));

describe('round trip', () => {
  it('set → get → list → remove; the file holds no plaintext and is bound to service and stage', async () => {
    const { store, file, home } = setup();
    const created: string[] = [];
    await store(undefined, 'dev', { onKeyCreated: (keyFile) => created.push(keyFile) }).set('DB_PASSWORD', 'correct horse battery staple');
    await store().set('API_KEY', 'multi\nline "quoted" ✓');
    expect(created).toEqual([defaultKeyFile('shop', { HOME: home })]);
    expect(await store().get('DB_PASSWORD')).toBe('correct horse battery staple');
    expect(await store().getMany(['API_KEY', 'DB_PASSWORD'])).toEqual(new Map([['API_KEY', 'multi\nline "quoted" ✓'], ['DB_PASSWORD', 'correct horse battery staple']]));
    expect((await store().list()).map((row) => row.name)).toEqual(['API_KEY', 'DB_PASSWORD']);

    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('correct horse');
    expect(text).not.toContain('quoted');
    const data = readJson(file);
    expect(data).toMatchObject({ version: 1, service: 'shop', stage: 'dev', cipher: 'aes-256-gcm' });
    expect(Object.keys(data.secrets.DB_PASSWORD!).sort()).toEqual(['ciphertext', 'iv', 'tag', 'updatedAt']);

    await store().set('DB_PASSWORD', 'rotated');
    expect(await store().get('DB_PASSWORD')).toBe('rotated');
    expect(readJson(file).secrets.DB_PASSWORD!.iv).not.toBe(data.secrets.DB_PASSWORD!.iv);
    await store().remove('API_KEY');
    expect((await store().list()).map((row) => row.name)).toEqual(['DB_PASSWORD']);
    await expect(store().remove('API_KEY')).rejects.toMatchObject({ code: 'SECRETS_NOT_FOUND' });
  });

  it('the key file is created once, mode 0600, in a 0700 folder; later sets reuse it', async () => {
    const { store, home } = setup();
    await store().set('A', 'a');
    const keyFile = defaultKeyFile('shop', { HOME: home });
    const key = readFileSync(keyFile, 'utf8');
    expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    await store().set('B', 'b');
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
  });

  it('STRATUS_SECRETS_KEY is used instead of a key file, and no key file is written', async () => {
    const { store, home } = setup();
    const env = { HOME: home, STRATUS_SECRETS_KEY: keyOf(7) };
    await store(env).set('A', 'from-env-key');
    expect(existsSync(defaultKeyFile('shop', { HOME: home }))).toBe(false);
    expect(await store(env).get('A')).toBe('from-env-key');
  });
});

describe('failures name the file, the key or the secret', () => {
  it('a wrong key is told apart from tampering', async () => {
    const { store, home, file } = setup();
    await store({ HOME: home, STRATUS_SECRETS_KEY: keyOf(1) }).set('A', 'secret-a');
    const wrong = store({ HOME: home, STRATUS_SECRETS_KEY: keyOf(2) });
    await expect(wrong.get('A')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_WRONG_KEY', message: expect.stringContaining(file) });
    await expect(wrong.set('B', 'b')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_WRONG_KEY', message: expect.stringContaining('STRATUS_SECRETS_KEY') });
    // The failed set changed nothing.
    expect(Object.keys(readJson(file).secrets)).toEqual(['A']);
  });

  it('a changed ciphertext or tag is SECRETS_LOCAL_TAMPERED, naming the secret', async () => {
    const { store, file } = setup();
    await store().set('A', 'secret-a');
    await store().set('B', 'secret-b');
    const data = readJson(file);
    const ciphertext = Buffer.from(data.secrets.A!.ciphertext, 'base64');
    ciphertext[0] = (ciphertext[0] as number) ^ 1;
    writeJson(file, { ...data, secrets: { ...data.secrets, A: { ...data.secrets.A, ciphertext: ciphertext.toString('base64') } } });
    await expect(store().get('A')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_TAMPERED', message: expect.stringContaining('"A"') });
    expect(await store().get('B')).toBe('secret-b');
    writeJson(file, { ...data, secrets: { ...data.secrets, B: { ...data.secrets.B, tag: data.secrets.A!.tag } } });
    await expect(store().get('B')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_TAMPERED' });
  });

  it('an entry moved to another name fails: the name is authenticated', async () => {
    const { store, file } = setup();
    await store().set('A', 'secret-a');
    await store().set('B', 'secret-b');
    const data = readJson(file);
    writeJson(file, { ...data, secrets: { A: data.secrets.B, B: data.secrets.A } });
    await expect(store().get('A')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_TAMPERED' });
  });

  it('a file copied to another stage is refused; with its stage edited too, decryption fails', async () => {
    const { store, serviceDir, file } = setup();
    await store().set('A', 'secret-a');
    const prodFile = path.join(serviceDir, 'secrets.prod.enc.json');
    writeFileSync(prodFile, readFileSync(file));
    await expect(store(undefined, 'prod').get('A')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_FILE_MISMATCH', message: expect.stringContaining('stage "dev"') });
    writeJson(prodFile, { ...readJson(file), stage: 'prod' });
    await expect(store(undefined, 'prod').get('A')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_TAMPERED' });
  });

  it('a missing file: list is empty, get names the file, and nothing is created by reading', async () => {
    const { store, file, home } = setup();
    expect(await store().list()).toEqual([]);
    await expect(store().get('A')).rejects.toMatchObject({ code: 'SECRETS_NOT_FOUND', message: expect.stringContaining(`${file} (the file does not exist)`), hint: expect.stringContaining('stratus secrets set --name A --stage dev --local') });
    await expect(store().getMany(['A', 'B'])).rejects.toMatchObject({ code: 'SECRETS_NOT_SET', message: expect.stringContaining('A, B') });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(defaultKeyFile('shop', { HOME: home }))).toBe(false);
  });

  it('a missing key: reading and setting into an existing file fail, naming where the key was looked for', async () => {
    const { store, home, file } = setup();
    await store({ HOME: home, STRATUS_SECRETS_KEY: keyOf(3) }).set('A', 'a');
    const keyFile = defaultKeyFile('shop', { HOME: home });
    await expect(store().get('A')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_KEY_MISSING', message: expect.stringContaining(keyFile) });
    await expect(store().set('B', 'b')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_KEY_MISSING', message: expect.stringContaining(file) });
    // A new key would not open the file, so none is made.
    expect(existsSync(keyFile)).toBe(false);
  });

  it('a malformed key or file is reported as such', async () => {
    const { store, home, file } = setup();
    await expect(store({ HOME: home, STRATUS_SECRETS_KEY: 'short' }).set('A', 'a')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_KEY_INVALID', message: expect.stringContaining('STRATUS_SECRETS_KEY') });
    writeFileSync(file, '{ not json');
    await expect(store().list()).rejects.toMatchObject({ code: 'SECRETS_LOCAL_FILE_INVALID', message: expect.stringContaining(file) });
    writeJson(file, { version: 2 });
    await expect(store().list()).rejects.toMatchObject({ code: 'SECRETS_LOCAL_FILE_INVALID', message: expect.stringContaining('version 2') });
  });

  it('a key file inside the service directory is refused', async () => {
    const { serviceDir, home } = setup();
    mkdirSync(path.join(serviceDir, 'keys'));
    const ring = new LocalKeyRing({ service: 'shop', serviceDir, env: { HOME: home }, keyFile: 'keys/shop.key' });
    expect(() => ring.ensure()).toThrow(expect.objectContaining({ code: 'SECRETS_LOCAL_KEY_IN_SERVICE', message: expect.stringContaining(path.join(serviceDir, 'keys', 'shop.key')) }));
    expect(existsSync(path.join(serviceDir, 'keys', 'shop.key'))).toBe(false);
    const viaEnv = new LocalKeyRing({ service: 'shop', serviceDir, env: { HOME: home, STRATUS_SECRETS_KEY_FILE: path.join(serviceDir, 'x.key') } });
    expect(() => viaEnv.find()).toThrow(expect.objectContaining({ code: 'SECRETS_LOCAL_KEY_IN_SERVICE' }));
  });
});

describe('the lock', () => {
  it('a lock left by a dead process is taken over', async () => {
    const { store, file } = setup();
    // A pid far above the kernel's limit cannot belong to a live process; the lock is 5 s old (younger than staleMs).
    writeFileSync(`${file}.lock`, '2147483646\n');
    const fiveSecondsAgo = new Date(Date.now() - 5_000);
    utimesSync(`${file}.lock`, fiveSecondsAgo, fiveSecondsAgo);
    await store().set('A', 'a');
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(await store().get('A')).toBe('a');
  });

  it('a lock older than staleMs is taken over even when its holder seems alive', async () => {
    const { store, file } = setup();
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    const old = new Date(Date.now() - 120_000);
    utimesSync(`${file}.lock`, old, old);
    await store(undefined, 'dev', { lock: { staleMs: 60_000 } }).set('A', 'a');
    expect(await store().get('A')).toBe('a');
  });

  it('a live holder that never lets go ends in SECRETS_LOCAL_LOCKED, naming the lock file', async () => {
    const { store, file } = setup();
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    await expect(store(undefined, 'dev', { lock: { timeoutMs: 0 } }).set('A', 'a')).rejects.toMatchObject({ code: 'SECRETS_LOCAL_LOCKED', message: expect.stringContaining(`${file}.lock`) });
  });
});
