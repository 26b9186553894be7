import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';

/** One encrypted value as stored in the file (base64 fields). */
export interface EncryptedValue {
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * What each ciphertext is bound to: moving an entry to another name, stage or service (or
 * another file format version) makes authentication fail instead of silently decrypting.
 */
export function additionalData(service: string, stage: string, name: string): Buffer {
  return Buffer.from(JSON.stringify(['stratus-secrets', 1, service, stage, name]), 'utf8');
}

export function encryptValue(key: Buffer, aad: Buffer, plaintext: string): EncryptedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The plaintext, or undefined when authentication fails (wrong key, or a changed entry). */
export function decryptValue(key: Buffer, aad: Buffer, entry: EncryptedValue): string | undefined {
  const iv = Buffer.from(entry.iv, 'base64');
  const tag = Buffer.from(entry.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(entry.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * A fingerprint of the key, stored in the file so a wrong key is told apart from a tampered
 * entry. An HMAC of a fixed label reveals nothing about a random 256-bit key.
 */
export function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update('stratus-secrets key check v1').digest('base64').slice(0, 22);
}

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
