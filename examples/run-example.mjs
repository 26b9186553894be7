// The README's "try it" command: the main job on the bundled example service, with no AWS account.
// It packages examples/hello-service, deploys it to a local AWS emulator (moto, installed into
// .tools/ on first use and run on 127.0.0.1 only), shows it, invokes nothing remote, and removes it.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { MOTO_TOOL, ensurePythonTool, startMotoServer } = require(path.join(root, 'packages/testing/dist/index.js'));
const bin = path.join(root, 'packages/cli/bin/stratus.js');

// Work on a copy: the example folder stays clean.
const service = mkdtempSync(path.join(os.tmpdir(), 'stratus-example-'));
cpSync(path.join(root, 'examples/hello-service'), service, { recursive: true });

process.stdout.write('Preparing the local AWS emulator (moto; the first run installs it, about a minute)…\n');
const motoBinary = await ensurePythonTool(MOTO_TOOL);
const moto = await startMotoServer({ binary: motoBinary });
const env = {
  ...process.env,
  AWS_ENDPOINT_URL: moto.endpoint,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  SLS_AWS_MONITORING_FREQUENCY: '200',
};
// Asynchronous on purpose: a blocking spawnSync would stop this process from draining the
// emulator's output pipes, and the emulator would stall once they fill up.
const run = (...args) =>
  new Promise((resolve, reject) => {
    process.stdout.write(`\n$ stratus ${args.join(' ')}\n`);
    const child = spawn(process.execPath, [bin, ...args], { cwd: service, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`stratus ${args.join(' ')} exited with ${status}`))));
  });

let failed = false;
try {
  await run('package');
  await run('deploy');
  await run('info', '--verbose');
  await run('deploy');
  await run('remove');
} catch (error) {
  failed = true;
  process.stderr.write(`${error.message}\n`);
} finally {
  await moto.stop();
}
process.exit(failed ? 1 : 0);
