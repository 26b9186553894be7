import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isStratusError } from '../errors/stratus-error';
import { addServicePlugins } from './load-plugins';
import { readPluginList } from './plugin-list';
import { createTestHost } from './test-host';

/**
 * The fixture service, copied to a temp folder with its `node_modules` (kept in the repository as
 * `__fixtures__/installed-modules`, since git ignores node_modules folders).
 */
const SERVICE = mkdtempSync(path.join(os.tmpdir(), 'stratus-plugins-'));
cpSync(path.join(__dirname, '__fixtures__', 'service'), SERVICE, { recursive: true });
cpSync(path.join(__dirname, '__fixtures__', 'installed-modules'), path.join(SERVICE, 'node_modules'), { recursive: true });

async function loadList(plugins: unknown, configuration: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const setup = await createTestHost({ service: 'svc', provider: { name: 'mock' }, plugins, ...configuration }, SERVICE, { calls });
  const list = readPluginList(plugins, SERVICE, 'serverless.yml');
  const inits = await addServicePlugins(setup.host, list.names, { serviceDir: SERVICE, localPath: list.localPath, configFile: 'serverless.yml' });
  for (const init of inits) await init();
  setup.doneLoading();
  return { ...setup, calls };
}

test('plugins load from node_modules (CJS, ESM, scoped), local paths (ESM, top-level await) and .serverless_plugins, in list order', async () => {
  const { engine, calls } = await loadList(['cjs-plugin', 'esm-plugin', '@scope/scoped-plugin', './local/native.mjs', './local/tla.mjs', 'legacy-plugin']);
  engine.checkHooks();
  await engine.run(engine.commands.find(['package'])!);
  expect(calls).toEqual(['cjs-plugin', 'esm-plugin', 'scoped-native', 'local-native', 'tla-native', 'legacy-plugin']);
});

test('the object form { modules, localPath } is read', async () => {
  const list = readPluginList({ modules: ['a', './b'], localPath: './custom' }, '/svc', 'serverless.yml');
  expect(list).toEqual({ names: ['a', './b'], localPath: path.resolve('/svc', 'custom') });
  expect(() => readPluginList({ modules: 'a' }, '/svc', 'serverless.yml')).toThrow(/plugins.modules/);
  expect(() => readPluginList([42], '/svc', 'serverless.yml')).toThrow(/each entry of "plugins"/);
});

test('a missing npm plugin names itself and how to install it', async () => {
  const error = await loadList(['serverless-missing']).catch((caught: unknown) => caught);
  expect(isStratusError(error) && error.code).toBe('PLUGIN_NOT_FOUND');
  expect((error as Error).message).toContain('"serverless-missing"');
  expect((error as { hint: string }).hint).toContain('npm install --save-dev serverless-missing');
});

test('a missing local plugin names the path it looked at', async () => {
  const error = await loadList(['./local/nope.js']).catch((caught: unknown) => caught);
  expect((error as { code: string }).code).toBe('PLUGIN_NOT_FOUND');
  expect((error as Error).message).toContain(path.join(SERVICE, 'local', 'nope.js'));
});

test('a module exporting nothing usable is refused clearly', async () => {
  await expect(loadList(['./local/empty.js'])).rejects.toMatchObject({ code: 'PLUGIN_INVALID_EXPORT' });
});

test('a v3 plugin for another provider is constructed, then dropped', async () => {
  const { engine, calls } = await loadList(['./local/aws-only.js']);
  await engine.run(engine.commands.find(['package'])!);
  expect(calls).toEqual(['aws-only constructed']);
});

test('the same plugin class twice is refused', async () => {
  await expect(loadList(['cjs-plugin', 'cjs-plugin'])).rejects.toMatchObject({ code: 'PLUGIN_DUPLICATE_DEFINITION' });
});

describe('a v3 plugin through the serverless facade', () => {
  test('gets (serverless, options, { log, writeText, progress }), adds commands, options to built-ins, hooks, sources, asyncInit', async () => {
    const { engine, host, calls, stdout } = await loadList(['./local/v3-full.js'], { functions: { main: { handler: 'h.main' } } });
    expect(calls).toEqual(['asyncInit']);
    expect(host.service.configuration.custom).toEqual({ added: { by: 'v3-full' } });
    expect(engine.commands.find(['package'])!.options['skip-build']).toEqual({ type: 'boolean', usage: 'added to a built-in' });
    expect([...host.pluginVariableSources().keys()]).toEqual(['v3src']);
    const source = host.pluginVariableSources().get('v3src')!;
    await expect(Promise.resolve(source.resolve({ address: 'x' } as never))).resolves.toEqual({ value: 'v3:x' });

    host.registerProvider('test', 'mock', { name: 'mock' });
    host.service.options.count = '3';
    await engine.run(engine.commands.find(['v3-cmd'])!);
    expect(calls).toEqual(['asyncInit', 'v3-cmd count=3', 'functions=main,extra', 'servicePath=true', 'provider=true/false']);
    expect(stdout.join('')).toBe('written\n');
  });

  test('schema fragments are attributed to the plugin, so collisions name it', async () => {
    const { host } = await loadList(['./local/v3-full.js']);
    expect(() => host.schema.forOwner('other-plugin').defineTopLevelProperty('stepFunctions', { type: 'object' })).toThrow(/\.\/local\/v3-full\.js/);
  });

  test('extendConfiguration is refused once plugins have loaded', async () => {
    const { host } = await loadList([]);
    expect(() => (host.serverless.extendConfiguration as (p: string[], v: unknown) => void)(['custom', 'late'], 1)).toThrow(/only be used while plugins load/);
  });
});
