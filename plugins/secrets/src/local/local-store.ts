import { promises as fs } from 'node:fs';
import path from 'node:path';
import { secretsErrors } from '../errors';
import type { SecretsStore, SecretSummary } from '../store';
import { writeFileAtomic } from './atomic-write';
import { additionalData, decryptValue, encryptValue, keyCheckOf } from './crypto';
import { withFileLock, type LockOptions } from './file-lock';
import type { LocalKey, LocalKeyRing } from './key-ring';
import { emptySecretsFile, parseSecretsFile, serializeSecretsFile, type SecretsFile } from './secrets-file';

export interface LocalStoreOptions {
  /** Absolute path of `secrets.<stage>.enc.json`. */
  file: string;
  service: string;
  stage: string;
  keys: LocalKeyRing;
  lock?: LockOptions;
  /** Told when the first `set` created the key file. */
  onKeyCreated?: (keyFile: string) => void;
}

/** The local backend: one AES-256-GCM encrypted, commit-safe JSON file per stage. */
export class LocalSecretsStore implements SecretsStore {
  readonly local = true;
  readonly where: string;

  constructor(private readonly options: LocalStoreOptions) {
    this.where = options.file;
  }

  get keys(): LocalKeyRing {
    return this.options.keys;
  }

  /** Whether the file exists; throws when the key is missing or is not the file's key. */
  async verifyKey(): Promise<boolean> {
    const data = await this.read();
    if (!data) return false;
    this.checkedKey(data, this.options.keys.require(this.options.file));
    return true;
  }

  async list(): Promise<SecretSummary[]> {
    const data = await this.read();
    if (!data) return [];
    return Object.entries(data.secrets)
      .map(([name, entry]) => ({ name, updatedAt: entry.updatedAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<string> {
    return (await this.getMany([name])).get(name) as string;
  }

  async getMany(names: readonly string[]): Promise<Map<string, string>> {
    const data = await this.read();
    const missing = names.filter((name) => !data?.secrets[name]);
    if (!data || missing.length > 0) {
      const where = data ? this.options.file : `${this.options.file} (the file does not exist)`;
      if (missing.length === 1) throw secretsErrors.notFound(missing[0] as string, where, this.options.stage, true);
      throw secretsErrors.notSet(missing, where, this.options.stage, true);
    }
    const key = this.checkedKey(data, this.options.keys.require(this.options.file));
    const values = new Map<string, string>();
    for (const name of names) {
      const value = decryptValue(key.bytes, additionalData(data.service, data.stage, name), data.secrets[name] as NonNullable<SecretsFile['secrets'][string]>);
      if (value === undefined) throw secretsErrors.tampered(this.options.file, name);
      values.set(name, value);
    }
    return values;
  }

  async set(name: string, value: string): Promise<void> {
    await this.update(async (data) => {
      const current = data ?? (await this.newFile());
      const key = this.checkedKey(current, this.options.keys.require(this.options.file));
      current.secrets[name] = { ...encryptValue(key.bytes, additionalData(current.service, current.stage, name), value), updatedAt: new Date().toISOString() };
      return current;
    });
  }

  async remove(name: string): Promise<void> {
    await this.update(async (data) => {
      if (!data?.secrets[name]) throw secretsErrors.notFound(name, data ? this.options.file : `${this.options.file} (the file does not exist)`, this.options.stage, true);
      delete data.secrets[name];
      return data;
    });
  }

  /** The parsed file; undefined when it does not exist yet. */
  async read(): Promise<SecretsFile | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const data = parseSecretsFile(text, this.options.file);
    const expected = `service "${this.options.service}", stage "${this.options.stage}"`;
    if (data.service !== this.options.service || data.stage !== this.options.stage) {
      throw secretsErrors.localFileMismatch(this.options.file, `service "${data.service}", stage "${data.stage}"`, expected);
    }
    return data;
  }

  /** Read-modify-write under the lock, so concurrent `set`s never drop each other's entries. */
  private async update(change: (data: SecretsFile | undefined) => Promise<SecretsFile>): Promise<void> {
    await fs.mkdir(path.dirname(this.options.file), { recursive: true });
    await withFileLock(
      `${this.options.file}.lock`,
      async () => {
        const next = await change(await this.read());
        await writeFileAtomic(this.options.file, serializeSecretsFile(next));
      },
      this.options.lock,
    );
  }

  /** The first `set` of a stage: creates the key too when there is none yet. */
  private async newFile(): Promise<SecretsFile> {
    const { key, created } = this.options.keys.ensure();
    if (created) this.options.onKeyCreated?.(key.source);
    return emptySecretsFile(this.options.service, this.options.stage, keyCheckOf(key.bytes));
  }

  private checkedKey(data: SecretsFile, key: LocalKey): LocalKey {
    if (keyCheckOf(key.bytes) !== data.keyCheck) throw secretsErrors.wrongKey(this.options.file, key.source);
    return key;
  }
}
