import { promises as fs } from 'node:fs';
import { secretsErrors } from '../errors';

export interface LockOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its process seems alive (default 30 s). */
  staleMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Holders keep the lock for milliseconds; one this old whose process is gone has crashed. */
const DEAD_HOLDER_GRACE_MS = 2_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Holder {
  pid: number;
  ageMs: number;
  ino: number;
}

async function holderOf(lockFile: string): Promise<Holder | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockFile, 'utf8'), fs.stat(lockFile)]);
    const pid = Number.parseInt(text, 10);
    return { pid: Number.isInteger(pid) ? pid : -1, ageMs: Date.now() - stat.mtimeMs, ino: stat.ino };
  } catch {
    return undefined; // released meanwhile
  }
}

/**
 * Left by a crashed process: very old, or old enough and its process is gone. The age matters
 * for a dead pid too: a holder that released its lock and exited just after we read the lock
 * looks dead, while the lock file may already be a new holder's.
 */
function isStale(holder: Holder, staleMs: number): boolean {
  if (holder.ageMs > staleMs) return true;
  return holder.ageMs > DEAD_HOLDER_GRACE_MS && holder.pid > 0 && holder.pid !== process.pid && !isAlive(holder.pid);
}

/** Remove the stale lock only if it is still the very file judged stale (same inode). */
async function removeIfSame(lockFile: string, holder: Holder): Promise<void> {
  const stat = await fs.stat(lockFile).catch(() => undefined);
  if (stat?.ino === holder.ino) await fs.rm(lockFile, { force: true });
}

/**
 * Run `work` while holding `lockFile`, created with O_CREAT|O_EXCL so only one process (of any
 * number running `secrets set` at once) reads, changes and writes the secrets file at a time.
 * A lock left by a crashed process (dead pid, or older than `staleMs`) is removed.
 */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await fs.open(lockFile, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await holderOf(lockFile);
    if (holder && isStale(holder, staleMs)) {
      await removeIfSame(lockFile, holder);
      continue;
    }
    if (Date.now() > deadline) throw secretsErrors.locked(lockFile, holder ? `process ${holder.pid} (for ${Math.round(holder.ageMs / 1000)} s)` : 'another process');
    // Jittered back-off, so processes that collided do not retry in lockstep.
    await sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}
