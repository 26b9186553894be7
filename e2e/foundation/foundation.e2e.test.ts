import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyService, runStratus } from '../support/run-stratus';

const SERVICE = path.join(__dirname, 'service');

describe('the built CLI on a service with local plugins (ESM native + CJS v3)', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = copyService(SERVICE);
  });

  test('a v3 plugin command with options runs, seeing resolved config and its own variable source', async () => {
    const run = await runStratus(['greet', '-n', 'Ada', '--stage', 'prod', '--shout'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('HELLO ADA FROM E2E-FOUNDATION (PROD), MOTTO: STAY CURIOUS');
  });

  test('package runs native and v3 hooks in lifecycle order', async () => {
    const run = await runStratus(['package'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'native package:initialize',
      'v3 before:package:compileFunctions (hello)',
      'native package:compileFunctions',
      'v3 package:compileEvents',
      'native after:package:finalize',
    ]);
  });

  test('--help lists the plugin command; command help lists its options', async () => {
    const general = await runStratus(['--help'], { cwd });
    expect(general.code).toBe(0);
    expect(general.stdout).toMatch(/greet\s+Greets someone/);
    const own = await runStratus(['greet', '--help'], { cwd });
    expect(own.stdout).toContain('--name / -n');
    expect(own.stdout).toContain('required');
    expect(own.stdout).toContain('greet:run');
  });

  test('a missing required option is a clear error with exit code 1 and no stack', async () => {
    const run = await runStratus(['greet'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"stratus greet" needs the option --name (-n)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unknown command suggests the closest', async () => {
    const run = await runStratus(['pakage'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Did you mean "package"?');
  });

  test('print shows the resolved configuration with defaults', async () => {
    const run = await runStratus(['print', '--format', 'json'], { cwd, env: { E2E_WHO: 'Grace' } });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.provider).toEqual({ name: 'mock', stage: 'dev', environment: { WHO: 'Grace' } });
    expect(printed.custom.motto).toBe('Stay curious');
    expect(printed.functions.hello).toEqual({ handler: 'handler.hello', name: 'e2e-foundation-dev-hello', events: [] });
  });

  test('--version prints the version', async () => {
    const run = await runStratus(['--version'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('failures a user can fix', () => {
  test('a plugin that is not installed is named, with how to install it', async () => {
    const cwd = copyService(SERVICE);
    writeFileSync(path.join(cwd, 'serverless.yml'), 'service: broken\nprovider: mock\nplugins:\n  - serverless-not-installed\n');
    const run = await runStratus(['print'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Plugin "serverless-not-installed"');
    expect(run.stderr).toContain('npm install --save-dev serverless-not-installed');
  });

  test('a plugin crashing in a hook is reported with its name and hook', async () => {
    const cwd = copyService(SERVICE);
    writeFileSync(
      path.join(cwd, 'plugins', 'crasher.js'),
      "module.exports = class { constructor() { this.hooks = { 'package:compileEvents': () => { null.boom; } }; } };\n",
    );
    writeFileSync(path.join(cwd, 'serverless.yml'), 'service: crashy\nprovider: mock\nplugins:\n  - ./plugins/mock-provider.mjs\n  - ./plugins/crasher.js\n');
    const run = await runStratus(['package'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Internal error');
    expect(run.stderr).toContain('plugin "./plugins/crasher.js" in hook "package:compileEvents"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const debug = await runStratus(['package', '--debug'], { cwd });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  test('a failed command exits even when a plugin left a handle open; a successful one keeps a plugin watcher running, as in v3', async () => {
    const cwd = copyService(SERVICE);
    writeFileSync(
      path.join(cwd, 'plugins', 'leaky.js'),
      [
        'module.exports = class {',
        '  constructor(serverless, options) {',
        "    this.commands = { leak: { lifecycleEvents: ['run'], options: { fail: { usage: 'fail', type: 'boolean' } } } };",
        '    this.hooks = {',
        "      'leak:run': () => {",
        "        let ticks = 0;",
        "        setInterval(() => { ticks += 1; console.log('watching ' + ticks); if (ticks === 2) process.exit(0); }, 100);",
        "        if (options.fail) throw new serverless.classes.Error('leak failed');",
        '      },',
        '    };',
        '  }',
        '};',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(cwd, 'serverless.yml'), 'service: leaky\nprovider: mock\nplugins:\n  - ./plugins/mock-provider.mjs\n  - ./plugins/leaky.js\n');
    const failed = await runStratus(['leak', '--fail'], { cwd, timeoutMs: 20_000 });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('leak failed');
    const watching = await runStratus(['leak'], { cwd, timeoutMs: 20_000 });
    expect(watching.stdout).toContain('watching 2');
    expect(watching.code).toBe(0);
  });

  test('an unknown provider says which package to install', async () => {
    const cwd = copyService(SERVICE);
    writeFileSync(path.join(cwd, 'serverless.yml'), 'service: nowhere\nprovider:\n  name: azure\n');
    const run = await runStratus(['package'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no provider plugin for "azure"');
  });

  test('outside a service, a service command says what to do', async () => {
    const cwd = copyService(path.join(__dirname, 'service', 'plugins'));
    const run = await runStratus(['package'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('must run in a service directory');
  });
});
