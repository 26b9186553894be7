import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PluginApi, StratusPlugin } from '../plugins/plugin-api';
import { runCli, type CliPreset } from './run-cli';

/** Runs `stratus watchit` in `dir` with a plugin whose only lifecycle event runs `body`. */
async function runWith(dir: string, body: (api: PluginApi) => Promise<void>): Promise<{ code: number; stderr: string }> {
  const plugin: StratusPlugin = {
    name: 'reloader',
    apply(api) {
      api.registerProvider('test', {});
      api.registerCommand('watchit', { usage: 'test', lifecycleEvents: ['run'] });
      api.hook('watchit:run', () => body(api));
    },
  };
  const preset: CliPreset = { version: '0.0.0', builtinPlugins: [plugin], providerPackages: {}, resolveFromCli: () => undefined };
  const stderr: string[] = [];
  const code = await runCli(['watchit'], preset, { cwd: dir, stdout: { write: () => undefined }, stderr: { write: (text) => stderr.push(text) }, interactive: false });
  if (code !== 0) process.stdout.write(stderr.join(""));
  return { code, stderr: stderr.join("") };
}

describe('api.reloadConfiguration', () => {
  let dir: string;
  const write = (text: string): void => writeFileSync(path.join(dir, 'serverless.yml'), text);
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-reload-'));
    write('service: demo\nprovider: test\ncustom:\n  greeting: hello ${opt:stage, "dev"}\nfunctions:\n  a:\n    handler: a.h\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file again, resolves variables and defaults, swaps the live object in place and runs configReloaded', async () => {
    const seen: unknown[] = [];
    const { code } = await runWith(dir, async (api) => {
      const live = api.service.configuration;
      api.core.configReloaded.tap('test', (service) => void seen.push((service.configuration.custom as { greeting: string }).greeting));
      write('service: demo\nprovider: test\ncustom:\n  greeting: bonjour ${opt:stage, "dev"}\nfunctions:\n  a:\n    handler: a.h\n  b:\n    handler: b.h\n');
      await api.reloadConfiguration();
      expect(api.service.configuration).toBe(live);
      expect(live.custom).toEqual({ greeting: 'bonjour dev' });
      expect(live.functions).toEqual({ a: { handler: 'a.h', name: 'demo-dev-a', events: [] }, b: { handler: 'b.h', name: 'demo-dev-b', events: [] } });
    });
    expect(code).toBe(0);
    expect(seen).toEqual(['bonjour dev']);
  });

  it('leaves the configuration as it was when the new file cannot be resolved', async () => {
    let failure: unknown;
    const { code } = await runWith(dir, async (api) => {
      write('service: demo\nprovider: test\ncustom:\n  greeting: ${env:STRATUS_TEST_SURELY_UNSET}\n');
      failure = await api.reloadConfiguration().catch((error: unknown) => error);
      expect(api.service.configuration.custom).toEqual({ greeting: 'hello dev' });
    });
    expect(code).toBe(0);
    expect(String((failure as Error).message)).toContain('STRATUS_TEST_SURELY_UNSET');
  });

  it('refuses a changed plugins list: that needs a restart', async () => {
    let failure: unknown;
    await runWith(dir, async (api) => {
      write('service: demo\nprovider: test\nplugins:\n  - some-plugin\n');
      failure = await api.reloadConfiguration().catch((error: unknown) => error);
    });
    expect(failure).toMatchObject({ code: 'CONFIG_RELOAD_NEEDS_RESTART' });
    expect((failure as Error).message).toContain('"plugins" changed in serverless.yml');
  });
});
