import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where compiled validators are kept: `$STRATUS_CACHE_DIR`, else `$XDG_CACHE_HOME/stratus`, else
 * `~/.cache/stratus` (XDG ignores a relative `XDG_CACHE_HOME`). Undefined when there is no home.
 */
export function stratusCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.STRATUS_CACHE_DIR) return resolve(env.STRATUS_CACHE_DIR);
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'stratus');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'stratus') : undefined;
  } catch {
    return undefined;
  }
}
