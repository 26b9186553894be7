import { secretsErrors } from '../errors';
import type { EncryptedValue } from './crypto';

export const FILE_VERSION = 1;

export interface StoredSecret extends EncryptedValue {
  updatedAt: string;
}

/**
 * The committed file: who it belongs to, a fingerprint of the key, and one AES-256-GCM entry
 * per secret. Names and dates are visible (they are not secret); values are not.
 */
export interface SecretsFile {
  version: typeof FILE_VERSION;
  service: string;
  stage: string;
  cipher: 'aes-256-gcm';
  keyCheck: string;
  secrets: Record<string, StoredSecret>;
}

/** `secrets.<stage>.enc.json` in the service directory. */
export function secretsFileName(stage: string): string {
  return `secrets.${stage}.enc.json`;
}

export function emptySecretsFile(service: string, stage: string, keyCheck: string): SecretsFile {
  return { version: FILE_VERSION, service, stage, cipher: 'aes-256-gcm', keyCheck, secrets: {} };
}

const isString = (value: unknown): value is string => typeof value === 'string';

export function parseSecretsFile(text: string, file: string): SecretsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw secretsErrors.localFileInvalid(file, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const record = (data ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw secretsErrors.localFileInvalid(file, 'not a JSON object');
  if (record.version !== FILE_VERSION) throw secretsErrors.localFileInvalid(file, `version ${JSON.stringify(record.version)} is not supported (this plugin reads version ${FILE_VERSION})`);
  if (record.cipher !== 'aes-256-gcm') throw secretsErrors.localFileInvalid(file, `cipher ${JSON.stringify(record.cipher)} is not supported`);
  if (!isString(record.service) || !isString(record.stage) || !isString(record.keyCheck)) throw secretsErrors.localFileInvalid(file, '"service", "stage" and "keyCheck" must be strings');
  const secrets = record.secrets;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) throw secretsErrors.localFileInvalid(file, '"secrets" must be an object');
  for (const [name, entry] of Object.entries(secrets)) {
    const fields = (entry ?? {}) as Record<string, unknown>;
    if (!isString(fields.iv) || !isString(fields.tag) || !isString(fields.ciphertext) || !isString(fields.updatedAt)) {
      throw secretsErrors.localFileInvalid(file, `secret "${name}" needs string "iv", "tag", "ciphertext" and "updatedAt"`);
    }
  }
  return record as unknown as SecretsFile;
}

/** Stable output (sorted names, fixed key order) so a change shows as a small diff in review. */
export function serializeSecretsFile(data: SecretsFile): string {
  const secrets = Object.fromEntries(
    Object.keys(data.secrets)
      .sort()
      .map((name) => {
        const { iv, tag, ciphertext, updatedAt } = data.secrets[name] as StoredSecret;
        return [name, { iv, tag, ciphertext, updatedAt }];
      }),
  );
  const ordered: SecretsFile = { version: data.version, service: data.service, stage: data.stage, cipher: data.cipher, keyCheck: data.keyCheck, secrets };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
