// Deploy benchmark against the local AWS emulator (moto on 127.0.0.1), on the example service.
//
//   pnpm build && node bench/deploy.mjs [runs=5]
//
// Each run uses its own stage and measures, as a user runs them: the first deploy, a deploy with
// nothing changed (skipped), a deploy after changing one function's code, and remove. Medians
// of the wall time of the whole CLI process. The emulator answers in milliseconds, so these
// figures are Stratus' own overhead plus the calls, not AWS's provisioning time.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { MOTO_TOOL, ensurePythonTool, startMotoServer } = require(path.join(root, 'packages/testing/dist/index.js'));
const bin = path.join(root, 'packages/cli/bin/stratus.js');
const runs = Number(process.argv[2] ?? 5);

const moto = await startMotoServer({ binary: await ensurePythonTool(MOTO_TOOL) });
const env = { ...process.env, CI: 'true', AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', SLS_AWS_MONITORING_FREQUENCY: '100' };
const steps = { 'first deploy': [], 'unchanged deploy': [], 'one function changed': [], remove: [] };
try {
  for (let run = 0; run <= runs; run += 1) {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'stratus-bench-deploy-'));
    cpSync(path.join(root, 'examples/hello-service'), cwd, { recursive: true });
    const stage = `bench${run}`;
    // Asynchronous on purpose: spawnSync would stop this process from draining moto's output pipes.
    const time = (name, ...args) =>
      new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(process.execPath, [bin, ...args, '--stage', stage], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (status) => {
          if (status !== 0) return reject(new Error(`stratus ${args.join(' ')} failed:\n${stderr}`));
          if (run > 0) steps[name].push(Number(process.hrtime.bigint() - start) / 1e9); // run 0 warms caches
          resolve();
        });
      });
    await time('first deploy', 'deploy');
    await time('unchanged deploy', 'deploy');
    appendFileSync(path.join(cwd, 'src/nightly.js'), `\n// run ${run}\n`);
    await time('one function changed', 'deploy');
    await time('remove', 'remove');
  }
} finally {
  await moto.stop();
}
console.log(`stratus against moto, example service (4 functions; http, s3, schedule, sns), median of ${runs} runs (+1 warm-up), ${process.version}`);
for (const [name, values] of Object.entries(steps)) console.log(`${name.padEnd(22)} ${median(values).toFixed(2)} s`);
