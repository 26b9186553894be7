import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '@stratus/core';
import { preset } from './preset';

async function run(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, preset, { cwd, stdout: { write: (t) => out.push(t) }, stderr: { write: (t) => err.push(t) }, interactive: false });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('the preset loads the core commands, print and the event packages, and maps aws to its provider package', () => {
  expect(preset.builtinPlugins.map((plugin) => plugin.name)).toEqual(['stratus:commands', 'stratus:print', '@stratus/event-schedule', '@stratus/event-s3', '@stratus/event-http', '@stratus/event-sns']);
  expect(preset.providerPackages.aws).toBe('@stratus/provider-aws');
  expect(preset.version).toMatch(/^\d+\.\d+\.\d+/);
});

test('resolveFromCli finds the CLI dependencies and nothing else', () => {
  expect(preset.resolveFromCli('@stratus/core')).toContain(path.join('core', 'dist'));
  expect(preset.resolveFromCli('surely-not-installed-anywhere')).toBeUndefined();
});

test('help outside a service lists the v3 commands', async () => {
  const { code, stdout } = await run(['--help'], mkdtempSync(path.join(os.tmpdir(), 'stratus-cli-')));
  expect(code).toBe(0);
  for (const command of ['package', 'deploy', 'deploy function', 'deploy list', 'remove', 'info', 'invoke local', 'logs', 'rollback', 'print']) {
    expect(stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
  }
});

test('print resolves variables and --path/--format pick the output', async () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'stratus-cli-'));
  writeFileSync(path.join(cwd, 'serverless.yml'), "service: s\nprovider:\n  name: aws\n  stage: ${opt:stage, 'dev'}\ncustom:\n  list: [a, b]\n  who: ${self:provider.stage}-x\n");
  expect((await run(['print', '--path', 'custom.who', '--format', 'text', '--stage', 'qa'], cwd)).stdout).toBe('qa-x\n');
  expect((await run(['print', '--path', 'custom.list', '--format', 'text'], cwd)).stdout).toBe('a\nb\n');
  expect(JSON.parse((await run(['print', '--path', 'custom', '--format', 'json'], cwd)).stdout)).toEqual({ list: ['a', 'b'], who: 'dev-x' });
  expect((await run(['print', '--path', 'custom', '--transform', 'keys', '--format', 'text'], cwd)).stdout).toBe('list\nwho\n');
  const missing = await run(['print', '--path', 'custom.nope'], cwd);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('"custom.nope" is not in the configuration');
  const badFormat = await run(['print', '--format', 'xml'], cwd);
  expect(badFormat.stderr).toContain('--format "xml" is not supported');
});

test('an unresolvable variable names the key, the line and the variable, with exit code 1', async () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'stratus-cli-'));
  writeFileSync(path.join(cwd, 'serverless.yml'), 'service: s\nprovider: aws\ncustom:\n  token: ${env:STRATUS_SURELY_UNSET}\n');
  const { code, stderr } = await run(['print'], cwd);
  expect(code).toBe(1);
  expect(stderr).toContain('"custom.token"');
  expect(stderr).toContain('serverless.yml:4:');
  expect(stderr).toContain('${env:STRATUS_SURELY_UNSET}');
  expect(stderr).not.toMatch(/\n\s+at /);
});

test('schema problems are reported with line and column; error mode fails the run', async () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'stratus-cli-'));
  writeFileSync(path.join(cwd, 'serverless.yml'), 'service: s\nprovider: aws\nconfigValidationMode: error\nfunctoins:\n  a:\n    handler: h.a\n');
  const { code, stderr } = await run(['print'], cwd);
  expect(code).toBe(1);
  expect(stderr).toContain('serverless.yml:4:1');
  expect(stderr).toContain("did you mean 'functions'");
});
