// The README's "try it" command: runs the CLI on the bundled example service, no AWS account needed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages/cli/bin/stratus.js');
const service = path.join(root, 'examples/hello-service');

const steps = [
  ['--version'],
  ['print', '--stage', 'prod'],
];
for (const args of steps) {
  process.stdout.write(`\n$ stratus ${args.join(' ')}\n`);
  const { status } = spawnSync(process.execPath, [bin, ...args], { cwd: service, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
