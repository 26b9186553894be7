// Start-up benchmark: median wall time of `stratus --version` and `stratus print` on the example
// service, against a bare `node -e 0`. Usage: pnpm bench  (or: node bench/startup.mjs [runs])
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages/cli/bin/stratus.js');
const service = path.join(root, 'examples/hello-service');
const runs = Number(process.argv[2] ?? 21);

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'stratus --version', args: [bin, '--version'] },
  { name: 'stratus --help', args: [bin, '--help'] },
  { name: 'stratus print', args: [bin, 'print'] },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const results = {};
for (const { name, args } of cases) {
  const times = [];
  for (let run = 0; run < runs + 2; run += 1) {
    const start = process.hrtime.bigint();
    const { status } = spawnSync(process.execPath, args, { cwd: service, stdio: 'ignore' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (status !== 0) throw new Error(`${name} exited with ${status}`);
    if (run >= 2) times.push(elapsed); // the first two warm the file cache
  }
  results[name] = median(times);
}

const floor = results['node -e 0'];
console.log(`median of ${runs} runs, ${process.version}, cwd examples/hello-service`);
for (const [name, ms] of Object.entries(results)) {
  console.log(`${name.padEnd(20)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / floor).toFixed(2)}× node -e 0`);
}
