import { StratusError } from '../errors/stratus-error';
import { addV3Plugin, isV3PluginClass, type V3PluginClass } from '../v3/v3-plugin-adapter';
import { loadModuleFile } from './load-module';
import { isStratusPlugin, type StratusPlugin } from './plugin-api';
import type { PluginHost } from './plugin-host';
import { resolvePluginPath, type PluginResolveOptions } from './resolve-plugin';

/** A plugin given by the CLI preset: a native plugin, or a v3 plugin class with its name. */
export type BuiltinPlugin = StratusPlugin | { name: string; v3Class: V3PluginClass };

/** Apply or construct one plugin value, whichever style it is. Returns a v3 `asyncInit` to run later. */
export async function addPluginValue(host: PluginHost, value: unknown, name: string, external: boolean): Promise<(() => unknown) | undefined> {
  if (isStratusPlugin(value)) {
    await host.applyNative(value);
    return undefined;
  }
  if (isV3PluginClass(value)) {
    // A class with an `apply` method is a native plugin written as a class (webpack style).
    if (typeof (value.prototype as { apply?: unknown }).apply === 'function') {
      const instance = new (value as unknown as new () => StratusPlugin)();
      await host.applyNative(Object.assign(instance, { name: instance.name ?? name }));
      return undefined;
    }
    return addV3Plugin(host, value, name, external);
  }
  throw new StratusError('PLUGIN_INVALID_EXPORT', `Plugin "${name}" exports ${value === undefined ? 'nothing' : `a ${typeof value}`}, not a plugin.`, {
    hint: 'A plugin module exports a v3 plugin class (constructor(serverless, options, utils) with hooks) or a Stratus plugin ({ name, apply(api) }).',
  });
}

export async function addBuiltinPlugins(host: PluginHost, plugins: readonly BuiltinPlugin[]): Promise<Array<() => unknown>> {
  const inits: Array<() => unknown> = [];
  for (const plugin of plugins) {
    const init = 'v3Class' in plugin ? await addV3Plugin(host, plugin.v3Class, plugin.name, false) : await addPluginValue(host, plugin, plugin.name, false);
    if (init) inits.push(init);
  }
  return inits;
}

/** Load a module by path and add the plugin it exports. */
export async function addPluginFromFile(host: PluginHost, modulePath: string, name: string, external: boolean): Promise<(() => unknown) | undefined> {
  let value: unknown;
  try {
    value = await loadModuleFile(modulePath);
  } catch (error) {
    throw new StratusError('PLUGIN_LOAD_ERROR', `Plugin "${name}" (${modulePath}) failed to load: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Check that the plugin is installed completely and supports this Node version; run with --debug for the stack.',
      cause: error,
    });
  }
  return addPluginValue(host, value, name, external);
}

/** The service's `plugins:` list, in order. */
export async function addServicePlugins(host: PluginHost, names: readonly string[], resolveOptions: PluginResolveOptions): Promise<Array<() => unknown>> {
  const inits: Array<() => unknown> = [];
  for (const name of names) {
    // v3 silently ignores its dashboard plugin; so do we.
    if (name === '@serverless/enterprise-plugin') continue;
    const init = await addPluginFromFile(host, resolvePluginPath(name, resolveOptions), name, true);
    if (init) inits.push(init);
  }
  return inits;
}
