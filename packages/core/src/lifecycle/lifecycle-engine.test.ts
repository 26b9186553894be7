import { createLogger } from '../logging/logger';
import { StratusError } from '../errors/stratus-error';
import { hookOriginOf } from './hook-error';
import { LifecycleEngine } from './lifecycle-engine';

function engineWithLog() {
  const lines: string[] = [];
  const log = createLogger({ sink: { write: (text) => lines.push(text) }, textSink: { write: () => undefined } });
  const engine = new LifecycleEngine(log);
  engine.commands.register('core', 'package', { lifecycleEvents: ['initialize', 'compileEvents', 'finalize'] });
  engine.commands.register('core', 'deploy', {
    lifecycleEvents: ['deploy'],
    commands: { function: { lifecycleEvents: ['deploy'] } },
  });
  engine.commands.register('aws', 'aws', { type: 'entrypoint', commands: { deploy: { lifecycleEvents: ['createStack', 'updateStack'] } } });
  return { engine, lines };
}

const record = (calls: string[], label: string) => () => {
  calls.push(label);
};

test('runs before, event and after hooks for each event in order, between initialize and finalize', async () => {
  const { engine } = engineWithLog();
  const calls: string[] = [];
  for (const id of ['after:package:initialize', 'package:initialize', 'before:package:initialize', 'package:finalize', 'before:package:compileEvents', 'finalize', 'initialize']) {
    engine.tap('p', id, record(calls, id), { strict: true });
  }
  await engine.run(engine.commands.find(['package'])!);
  expect(calls).toEqual([
    'initialize',
    'before:package:initialize',
    'package:initialize',
    'after:package:initialize',
    'before:package:compileEvents',
    'package:finalize',
    'finalize',
  ]);
});

test('hooks of one bucket run in series in plugin registration order, awaiting each', async () => {
  const { engine } = engineWithLog();
  const calls: string[] = [];
  engine.tap('first', 'package:compileEvents', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    calls.push('first');
  }, { strict: true });
  engine.tap('second', 'package:compileEvents', record(calls, 'second'), { strict: true });
  engine.tap('early', 'package:compileEvents', record(calls, 'early'), { strict: true, stage: -1 });
  await engine.run(engine.commands.find(['package'])!);
  expect(calls).toEqual(['early', 'first', 'second']);
});

test('spawn runs a whole child lifecycle, entry points included, before the caller resumes', async () => {
  const { engine } = engineWithLog();
  const calls: string[] = [];
  engine.tap('p', 'deploy:deploy', async () => {
    calls.push('deploy:start');
    await engine.spawn('package');
    await engine.spawn(['aws', 'deploy']);
    calls.push('deploy:end');
  }, { strict: true });
  engine.tap('p', 'package:initialize', record(calls, 'package:initialize'), { strict: true });
  engine.tap('p', 'before:aws:deploy:createStack', record(calls, 'before:aws:deploy:createStack'), { strict: true });
  engine.tap('p', 'aws:deploy:updateStack', record(calls, 'aws:deploy:updateStack'), { strict: true });
  await engine.run(engine.commands.find(['deploy'])!);
  expect(calls).toEqual(['deploy:start', 'package:initialize', 'before:aws:deploy:createStack', 'aws:deploy:updateStack', 'deploy:end']);
});

test('spawn with terminateLifecycleAfterExecution stops the calling lifecycle without an error', async () => {
  const { engine } = engineWithLog();
  const calls: string[] = [];
  engine.tap('p', 'package:initialize', async () => {
    await engine.spawn('deploy:function', { terminateLifecycleAfterExecution: true });
    calls.push('not reached');
  }, { strict: true });
  engine.tap('p', 'deploy:function:deploy', record(calls, 'deploy:function:deploy'), { strict: true });
  engine.tap('p', 'package:finalize', record(calls, 'package:finalize'), { strict: true });
  engine.tap('p', 'finalize', record(calls, 'finalize'), { strict: true });
  await engine.run(engine.commands.find(['package'])!);
  expect(calls).toEqual(['deploy:function:deploy', 'finalize']);
});

test('spawning an unknown command is a clear error', async () => {
  const { engine } = engineWithLog();
  await expect(engine.spawn('nope:command')).rejects.toMatchObject({ code: 'PLUGIN_SPAWN_UNKNOWN_COMMAND' });
});

test('an error in a hook carries the plugin and hook, runs error hooks, skips finalize and later hooks', async () => {
  const { engine } = engineWithLog();
  const calls: string[] = [];
  const failure = new StratusError('TEST_FAILURE', 'boom');
  engine.tap('broken-plugin', 'package:compileEvents', () => {
    throw failure;
  }, { strict: true });
  engine.tap('p', 'package:finalize', record(calls, 'package:finalize'), { strict: true });
  engine.tap('p', 'error', (error: unknown) => {
    calls.push(`error:${(error as Error).message}`);
  }, { strict: true });
  engine.tap('p', 'finalize', record(calls, 'finalize'), { strict: true });
  const thrown = await engine.run(engine.commands.find(['package'])!).catch((error: unknown) => error);
  expect(thrown).toBe(failure);
  expect(hookOriginOf(thrown)).toEqual({ pluginName: 'broken-plugin', hookId: 'package:compileEvents' });
  expect(calls).toEqual(['error:boom']);
});

test('a crash inside an error hook is reported and does not hide the original error', async () => {
  const { engine, lines } = engineWithLog();
  engine.tap('p', 'package:initialize', () => {
    throw new Error('original');
  }, { strict: true });
  engine.tap('bad-error-hook', 'error', () => {
    throw new Error('secondary');
  }, { strict: true });
  await expect(engine.run(engine.commands.find(['package'])!)).rejects.toThrow('original');
  expect(lines.join('')).toContain('The "error" hook of plugin "bad-error-hook" failed: secondary');
});

test('the innermost hook is named when errors cross a spawn', async () => {
  const { engine } = engineWithLog();
  engine.tap('outer', 'deploy:deploy', () => engine.spawn('package'), { strict: true });
  engine.tap('inner', 'package:initialize', () => {
    throw 'a string, not an Error';
  }, { strict: true });
  const thrown = await engine.run(engine.commands.find(['deploy'])!).catch((error: unknown) => error);
  expect(thrown).toBeInstanceOf(Error);
  expect(hookOriginOf(thrown)).toEqual({ pluginName: 'inner', hookId: 'package:initialize' });
});

describe('dead hooks', () => {
  test('a strict (native) plugin hooking an undeclared event fails at start-up with a suggestion', () => {
    const { engine } = engineWithLog();
    engine.tap('typo-plugin', 'before:pakage:compileEvents', () => undefined, { strict: true });
    expect(() => engine.checkHooks()).toThrow(StratusError);
    try {
      engine.checkHooks();
    } catch (error) {
      expect((error as StratusError).code).toBe('PLUGIN_UNKNOWN_LIFECYCLE_EVENT');
      expect((error as StratusError).message).toContain('typo-plugin');
      expect((error as StratusError).hint).toContain('before:package:compileEvents');
    }
  });

  test('a v3 plugin with a near-miss typo fails too', () => {
    const { engine } = engineWithLog();
    engine.tap('v3-plugin', 'after:package:finalise', () => undefined, { strict: false });
    expect(() => engine.checkHooks()).toThrow(/after:package:finalize/);
  });

  test("a v3 plugin hooking another plugin's command that is not installed is harmless, as in v3", () => {
    const { engine } = engineWithLog();
    engine.tap('esbuild-like', 'before:offline:start:init', () => undefined, { strict: false });
    expect(() => engine.checkHooks()).not.toThrow();
  });

  test('global hooks and nested sub-command events are known', () => {
    const { engine } = engineWithLog();
    for (const id of ['initialize', 'error', 'finalize', 'before:deploy:function:deploy', 'after:aws:deploy:createStack']) {
      engine.tap('p', id, () => undefined, { strict: true });
    }
    expect(() => engine.checkHooks()).not.toThrow();
  });
});
