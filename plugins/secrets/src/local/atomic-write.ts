import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

/**
 * Write `file` so a reader sees either the old or the new content, never a half-written one:
 * a temporary file next to it, flushed, then renamed over it.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
