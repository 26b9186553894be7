// Benchmark inputs shared by the bench scripts: services generated with ../shared/tools/gen-service.mjs,
// cached in bench/results/package-services/ (ignored by git; delete it to regenerate).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generator = path.resolve(root, '../shared/tools/gen-service.mjs');
export const SERVICES_DIR = path.join(root, 'bench/results/package-services');

/** The three inputs the issue names, with Serverless v3.40's figures on them (shared/tools/README.md). */
export const PACKAGE_CASES = [
  { name: '1 fn, no deps', functions: 1, depsMb: 0, individually: false, v3Seconds: 2.52 },
  { name: '100 fn, 50 MB', functions: 100, depsMb: 50, individually: false, v3Seconds: 7.3 },
  { name: '20 fn, 20 MB, individually', functions: 20, depsMb: 20, individually: true, v3Seconds: 47.3 },
];

export function ensureService({ functions, depsMb, individually }) {
  const dir = path.join(SERVICES_DIR, `n${functions}-m${depsMb}${individually ? '-individually' : ''}`);
  const args = [generator, dir, '--functions', String(functions), '--deps-mb', String(depsMb), ...(individually ? ['--individually'] : [])];
  const stamp = path.join(SERVICES_DIR, `${path.basename(dir)}.args.json`);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(args.slice(1))) return dir;
  const generated = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (generated.status !== 0) throw new Error(`gen-service failed for ${dir}`);
  writeFileSync(stamp, JSON.stringify(args.slice(1)));
  return dir;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
