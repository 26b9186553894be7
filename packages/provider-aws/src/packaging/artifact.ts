import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** A deployable zip: where it is, and the hash Lambda reports for it. */
export interface Artifact {
  /** Absolute path of the zip. */
  path: string;
  /** Base64 SHA-256 of the zip bytes, the format of Lambda's `CodeSha256`. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

export function sha256Base64(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** Hashes an existing file (a prebuilt `package.artifact`) without holding it all in memory. */
export function describeExistingArtifact(absolutePath: string): Artifact {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(absolutePath, 'r');
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return { path: absolutePath, sha256: hash.digest('base64'), size: statSync(absolutePath).size };
}
