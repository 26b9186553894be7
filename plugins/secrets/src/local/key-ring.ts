import { existsSync, linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secretsErrors } from '../errors';
import { generateKey, KEY_BYTES } from './crypto';

export const KEY_VARIABLE = 'STRATUS_SECRETS_KEY';
export const KEY_FILE_VARIABLE = 'STRATUS_SECRETS_KEY_FILE';
export const KEY_ADVICE = 'Keep it out of the repository and share it with your team through a password manager (or STRATUS_SECRETS_KEY in CI).';

export interface LocalKey {
  bytes: Buffer;
  /** Where it came from, for messages: `STRATUS_SECRETS_KEY` or the key file's path. */
  source: string;
}

export interface KeyRingOptions {
  service: string;
  serviceDir: string;
  env: NodeJS.ProcessEnv;
  /** An explicit key file (`--key-file`, STRATUS_SECRETS_KEY_FILE or custom.secrets.keyFile, in that order). */
  keyFile?: string | undefined;
}

/** `$XDG_CONFIG_HOME/stratus/secrets/<service>.key`, `~/.config/…` without it. */
export function defaultKeyFile(service: string, env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'stratus', 'secrets', `${service}.key`);
}

function expandHome(file: string, env: NodeJS.ProcessEnv): string {
  return file === '~' || file.startsWith('~/') ? path.join(env.HOME || os.homedir(), file.slice(1)) : file;
}

/** The real path of `file`, following symlinks through its nearest existing ancestor. */
function realPathOf(file: string): string {
  const missing: string[] = [];
  let current = path.resolve(file);
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    missing.unshift(path.basename(current));
    current = parent;
  }
  return path.join(realpathSync(current), ...missing);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function decodeKey(text: string, source: string): LocalKey {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || bytes.length !== KEY_BYTES) {
    throw secretsErrors.keyInvalid(source, `expected ${KEY_BYTES} bytes in base64, found ${trimmed.length} characters`);
  }
  return { bytes, source };
}

/**
 * Finds the key of the local backend: STRATUS_SECRETS_KEY, else a key file outside the service
 * directory (never inside: it would end up committed or zipped next to the file it opens).
 */
export class LocalKeyRing {
  readonly keyFile: string;

  constructor(private readonly options: KeyRingOptions) {
    const explicit = options.keyFile ?? (options.env[KEY_FILE_VARIABLE] || undefined);
    this.keyFile = explicit ? path.resolve(options.serviceDir, expandHome(explicit, options.env)) : defaultKeyFile(options.service, options.env);
  }

  /** Where a missing key was looked for. */
  describe(): string {
    return this.keyFile;
  }

  /** The key when there is one; undefined when neither the variable nor the key file exists. */
  find(): LocalKey | undefined {
    const fromEnv = this.options.env[KEY_VARIABLE];
    if (fromEnv) return decodeKey(fromEnv, KEY_VARIABLE);
    this.assertOutsideService();
    if (!existsSync(this.keyFile)) return undefined;
    return decodeKey(readFileSync(this.keyFile, 'utf8'), this.keyFile);
  }

  require(forFile: string): LocalKey {
    const key = this.find();
    if (!key) throw secretsErrors.keyMissing(forFile, this.keyFile);
    return key;
  }

  /** The key, creating the key file (mode 0600) when there is none: `init` and the first `set`. */
  ensure(): { key: LocalKey; created: boolean } {
    const existing = this.find();
    if (existing) return { key: existing, created: false };
    mkdirSync(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
    const temporary = `${this.keyFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, `${generateKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      // link() fails when the file exists: two first `set`s racing end up sharing one key.
      linkSync(temporary, this.keyFile);
      return { key: this.require(this.keyFile), created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return { key: this.require(this.keyFile), created: false };
    } finally {
      unlinkSync(temporary);
    }
  }

  private assertOutsideService(): void {
    const serviceDir = realPathOf(this.options.serviceDir);
    if (isInside(realPathOf(this.keyFile), serviceDir)) throw secretsErrors.keyFileInService(this.keyFile, this.options.serviceDir);
  }
}
