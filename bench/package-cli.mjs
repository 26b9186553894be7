// `stratus package` end to end, as a user runs it, on the generated benchmark services.
//
//   pnpm build && node bench/package-cli.mjs [runs=5]
//
// Reports the median wall time and peak RSS (GNU time's %M) of the whole CLI process per input,
// and the ratio to Serverless v3.40's figure on the same input (shared/tools/README.md).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureService, median, PACKAGE_CASES } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'packages/cli/bin/stratus.js');
const runs = Number(process.argv[2] ?? 5);
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

console.log(`stratus package, median of ${runs} runs (+1 warm-up), ${process.version}${gnuTime ? '' : ' (no /usr/bin/time: peak RSS not measured)'}`);
console.log(`${'input'.padEnd(28)} ${'wall'.padStart(8)} ${'peak RSS'.padStart(9)} ${'v3.40'.padStart(7)}  speed-up`);
for (const input of PACKAGE_CASES) {
  const serviceDir = ensureService(input);
  const walls = [];
  const rss = [];
  for (let run = 0; run <= runs; run += 1) {
    rmSync(path.join(serviceDir, '.serverless'), { recursive: true, force: true });
    const command = gnuTime ? [gnuTime, ['-f', '%M', process.execPath, bin, 'package']] : [process.execPath, [bin, 'package']];
    const start = process.hrtime.bigint();
    const child = spawnSync(command[0], command[1], { cwd: serviceDir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (child.status !== 0) throw new Error(`stratus package failed on ${input.name}:\n${child.stderr}`);
    if (run === 0) continue;
    walls.push(wall);
    if (gnuTime) rss.push(Number(child.stderr.trim().split('\n').pop()) / 1024);
  }
  const wall = median(walls);
  const memory = gnuTime ? `${median(rss).toFixed(0)} MB` : '-';
  console.log(`${input.name.padEnd(28)} ${`${wall.toFixed(2)} s`.padStart(8)} ${memory.padStart(9)} ${`${input.v3Seconds} s`.padStart(7)}  ${(input.v3Seconds / wall).toFixed(1)}×`);
}
