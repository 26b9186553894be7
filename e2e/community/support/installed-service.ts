import { rmSync } from 'node:fs';
import { npmInstall } from '../../plugins/support/npm-install';
import { copyService } from '../../support/run-stratus';

/** How long one `npm install` of a pinned plugin may take (a cold npm cache downloads everything). */
export const INSTALL_TIMEOUT_MS = 10 * 60_000;

/**
 * A fresh copy of a scenario's service (in the temp folder) with the plugin its package.json pins
 * installed from the npm registry, as a user would (`npm install`; the service's .npmrc sets
 * legacy-peer-deps, so the plugin's `serverless` peer is not installed).
 */
export async function installService(serviceDir: string): Promise<string> {
  const dir = copyService(serviceDir);
  await npmInstall(dir);
  return dir;
}

/** The copy holds an installed node_modules: removed after the suite. */
export function removeCopy(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** A user's shell has no NODE_ENV (jest sets it to `test`); plugins may read it. */
export const USER_ENV: Record<string, string | undefined> = { NODE_ENV: undefined };
