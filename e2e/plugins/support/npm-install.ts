import { spawn } from 'node:child_process';
import path from 'node:path';

/** One npm cache shared by every run (an ignored folder), so repeated installs are served offline. */
export const NPM_CACHE = path.resolve(__dirname, '../../../.tools/npm-cache');

/**
 * Step 2 of the procedure: `npm install --no-audit --no-fund --prefer-offline` in the copy, as a
 * user would, asynchronously (several fixtures install at once).
 */
export function npmInstall(cwd: string): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: undefined };
  // Settings of the package manager that runs this suite (pnpm exports npm_config_*) are not the user's.
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--cache', NPM_CACHE], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm install in ${cwd} exited with ${code}:\n${output.slice(-4000)}`))));
  });
}
