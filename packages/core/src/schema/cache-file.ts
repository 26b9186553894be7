import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Cache files start with the sha256 of what follows, so a truncated or damaged file reads as
 * missing instead of running half a validator (or handing V8 bad code-cache bytes).
 */
const MAGIC = 'stratus-cache sha256=';
const HEADER_LENGTH = MAGIC.length + 64 + 1;

/** The payload of `file`, or undefined when it is missing, unreadable or fails its checksum. */
export function readCacheFile(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < HEADER_LENGTH || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const payload = bytes.subarray(HEADER_LENGTH);
  return bytes.toString('latin1', MAGIC.length, HEADER_LENGTH - 1) === sha256(payload) ? payload : undefined;
}

/**
 * Writes `payload` to `file` atomically: a temporary file in the same directory, then a rename,
 * so a concurrent run reads the old file or the new one, never half of one. Returns false, and
 * leaves nothing behind, when the directory cannot be created or written.
 */
export function writeCacheFile(file: string, payload: string | Uint8Array): boolean {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}${sha256(bytes)}\n`, 'latin1'), bytes]), { flag: 'wx' });
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created.
    }
    return false;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
