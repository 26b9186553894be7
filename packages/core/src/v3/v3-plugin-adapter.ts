import { StratusError } from '../errors/stratus-error';
import type { CommandDefinition } from '../lifecycle/command-definition';
import type { PluginHost } from '../plugins/plugin-host';
import { providerNameOf } from '../plugins/service-context';
import type { VariableSource, VariableSourceContext } from '../variables';
import { v3ServerlessFor } from './plugin-view';

export type V3PluginClass = new (serverless: unknown, options: Record<string, unknown>, utils: Record<string, unknown>) => V3PluginInstance;

export interface V3PluginInstance {
  hooks?: Record<string, (...args: unknown[]) => unknown>;
  commands?: Record<string, CommandDefinition>;
  configurationVariablesSources?: Record<string, { resolve: (context: Record<string, unknown>) => unknown }>;
  provider?: string | { constructor?: { getProviderName?: () => string } };
  asyncInit?: () => unknown;
}

export function isV3PluginClass(value: unknown): value is V3PluginClass {
  return typeof value === 'function' && typeof (value as { prototype?: unknown }).prototype === 'object';
}

function declaredProvider(instance: V3PluginInstance): string | undefined {
  const { provider } = instance;
  if (typeof provider === 'string') return provider;
  return provider?.constructor?.getProviderName?.();
}

/** Wrap a v3 `configurationVariablesSources` entry as a Stratus variable source. */
function adaptVariableSource(pluginName: string, sourceName: string, resolve: (context: Record<string, unknown>) => unknown): VariableSource {
  return {
    async resolve(context: VariableSourceContext) {
      const result = await resolve({ ...context, isSourceFulfilled: () => true });
      if (!result || typeof result !== 'object' || !('value' in result)) {
        throw new StratusError('PLUGIN_UNEXPECTED_VARIABLE_RESULT', `Variable source "${sourceName}" of plugin "${pluginName}" returned ${JSON.stringify(result)} instead of an object with a "value" key.`, {
          hint: 'This is a bug in the plugin; report it to its author.',
        });
      }
      return result as { value: unknown };
    },
  };
}

/** asyncInits of plugins that a plugin added (`pluginManager.addPlugin`) while it was being constructed. */
const nestedInits = new WeakMap<PluginHost, Array<() => unknown>>();

/**
 * Construct a v3-style plugin as v3 does — `new Plugin(serverless, options, { log, writeText, progress })`
 * — and map what it exposes (`commands`, `hooks`, `configurationVariablesSources`) onto the host.
 * Returns its `asyncInit` (to run once every plugin is constructed), if any.
 */
export async function addV3Plugin(host: PluginHost, PluginClass: V3PluginClass, name: string, external: boolean): Promise<(() => unknown) | undefined> {
  return addV3PluginNow(host, PluginClass, name, external)?.init;
}

/**
 * The synchronous part of `addV3Plugin` (v3's `pluginManager.addPlugin` is synchronous). The
 * plugin gets its own guarded view of the facade (member-guard.ts), so whatever it asks for that
 * Stratus lacks is reported under its name. Undefined when the plugin is for another provider.
 */
export function addV3PluginNow(host: PluginHost, PluginClass: V3PluginClass, name: string, external: boolean): { instance: V3PluginInstance; init: (() => unknown) | undefined } | undefined {
  if (host.plugins.some((record) => record.instance && (record.instance as object).constructor === PluginClass)) {
    throw new StratusError('PLUGIN_DUPLICATE_DEFINITION', `Plugin "${name}" is loaded twice.`, { hint: 'Remove the duplicate entry from "plugins".' });
  }
  const log = host.log.child(name);
  // v3's plugin log also had `get(namespace)` for a sub-logger.
  Object.assign(log, { get: (namespace: string) => host.log.child(`${name}:${namespace}`) });
  const utils = external ? { log, writeText: log.writeText, progress: host.progress } : {};

  const outer = nestedInits.get(host);
  const nested: Array<() => unknown> = [];
  const previousOwner = host.currentOwner;
  nestedInits.set(host, nested);
  host.currentOwner = name;
  let instance: V3PluginInstance;
  try {
    instance = host.runAsCaller(name, () => new PluginClass(v3ServerlessFor(host, name), host.service.options, utils));
  } finally {
    host.currentOwner = previousOwner;
    if (outer) nestedInits.set(host, outer);
    else nestedInits.delete(host);
  }

  const provider = declaredProvider(instance);
  const serviceProvider = providerNameOf(host.service.configuration);
  if (provider !== undefined && serviceProvider !== undefined && provider !== serviceProvider) {
    log.debug(`skipped: it is for provider "${provider}", the service uses "${serviceProvider}"`);
    return undefined;
  }

  host.plugins.push({ name, style: 'v3', instance });
  for (const [commandName, definition] of Object.entries(instance.commands ?? {})) host.registerCommand(name, commandName, definition);
  for (const [hookId, handler] of Object.entries(instance.hooks ?? {})) {
    if (typeof handler !== 'function') {
      throw new StratusError('PLUGIN_INVALID_HOOK', `Plugin "${name}" registers hook "${hookId}" with a ${typeof handler} instead of a function.`, {
        hint: 'This is a bug in the plugin; report it to its author.',
      });
    }
    host.tap(name, hookId, handler, { strict: false });
  }
  for (const [sourceName, source] of Object.entries(instance.configurationVariablesSources ?? {})) {
    host.registerVariableSource(name, sourceName, adaptVariableSource(name, sourceName, source.resolve.bind(source)));
  }

  const own = typeof instance.asyncInit === 'function' ? () => host.as(name, () => instance.asyncInit?.()) : undefined;
  const init =
    own || nested.length > 0
      ? async () => {
          await own?.();
          for (const next of nested) await next();
        }
      : undefined;
  // A plugin added by another one while that one was constructed initialises with it, as in v3.
  if (init && outer) {
    outer.push(init);
    return { instance, init: undefined };
  }
  return { instance, init };
}
