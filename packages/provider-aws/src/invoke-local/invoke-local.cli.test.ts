import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

// Runs the built CLI as a user does (after `pnpm build` at the root).
const CLI = path.join(__dirname, '..', '..', '..', 'cli', 'bin', 'stratus.js');
const BUILT = path.join(__dirname, '..', '..', 'dist', 'invoke-local', 'index.js');
const PROVIDER_PLUGIN = path.join(__dirname, '..', 'aws-provider-plugin.ts');
const run = promisify(execFile);

const describeBuilt = existsSync(CLI) && existsSync(BUILT) ? describe : describe.skip;

describeBuilt('stratus invoke local (built CLI)', () => {
  const serviceDir = mkdtempSync(path.join(tmpdir(), 'stratus-invoke-local-cli-'));
  // Until the provider plugin calls registerInvokeLocal itself, a service plugin does it.
  const wired = readFileSync(PROVIDER_PLUGIN, 'utf8').includes('registerInvokeLocal');
  writeFileSync(path.join(serviceDir, 'handler.js'), "exports.hello = async (event) => { console.log('in handler'); return { got: event, local: process.env.IS_LOCAL, extra: process.env.EXTRA ?? null }; };\nexports.fails = async () => { throw new Error('nope'); };\n");
  writeFileSync(path.join(serviceDir, 'invoke-local-plugin.js'), `const { registerInvokeLocal } = require(${JSON.stringify(BUILT)});\nmodule.exports = { name: 'invoke-local-test', apply: (api) => registerInvokeLocal(api) };\n`);
  writeFileSync(
    path.join(serviceDir, 'serverless.yml'),
    ['service: clisvc', 'frameworkVersion: "3"', 'provider:', '  name: aws', '  runtime: nodejs20.x', ...(wired ? [] : ['plugins:', '  - ./invoke-local-plugin.js']), 'functions:', '  hello:', '    handler: handler.hello', '  fails:', '    handler: handler.fails', ''].join('\n'),
  );
  const stratus = (...args: string[]) => run(process.execPath, [CLI, ...args], { cwd: serviceDir, env: { ...process.env, NODE_OPTIONS: '' } });

  it('prints the handler logs and the pretty JSON payload on stdout', async () => {
    const { stdout } = await stratus('invoke', 'local', '-f', 'hello', '--data', '{"a":1}', '-e', 'EXTRA=x');
    expect(stdout).toBe(`in handler\n${JSON.stringify({ got: { a: 1 }, local: 'true', extra: 'x' }, null, 4)}\n`);
  }, 30_000);

  it('exits 1 on a handler error, printing it as JSON', async () => {
    const failure = await stratus('invoke', 'local', '-f', 'fails').then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(JSON.parse(failure!.stdout)).toMatchObject({ errorMessage: 'nope', errorType: 'Error' });
    expect(failure!.stderr).toContain('fails');
  }, 30_000);
});
