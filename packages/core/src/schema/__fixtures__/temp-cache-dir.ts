import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Points STRATUS_CACHE_DIR at a fresh temporary directory for each test (`each`) or for the whole
 * file (`all`), so tests never touch the user's cache. Returns a getter for the current directory.
 */
export function useTempCacheDir(scope: 'each' | 'all'): () => string {
  const saved = process.env.STRATUS_CACHE_DIR;
  let dir = '';
  const setUp = () => {
    dir = mkdtempSync(join(tmpdir(), 'stratus-cache-test-'));
    process.env.STRATUS_CACHE_DIR = dir;
  };
  const tearDown = () => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.STRATUS_CACHE_DIR;
    else process.env.STRATUS_CACHE_DIR = saved;
  };
  if (scope === 'each') {
    beforeEach(setUp);
    afterEach(tearDown);
  } else {
    beforeAll(setUp);
    afterAll(tearDown);
  }
  return () => dir;
}
