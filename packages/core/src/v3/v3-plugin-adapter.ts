import { StratusError } from '../errors/stratus-error';
import type { CommandDefinition } from '../lifecycle/command-definition';
import type { PluginHost } from '../plugins/plugin-host';
import { providerNameOf } from '../plugins/service-context';
import type { VariableSource, VariableSourceContext } from '../variables';

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

/**
 * Construct a v3-style plugin as v3 does — `new Plugin(serverless, options, { log, writeText, progress })`
 * — and map what it exposes (`commands`, `hooks`, `configurationVariablesSources`) onto the host.
 * Returns its `asyncInit` (to run once every plugin is constructed), if any.
 */
export async function addV3Plugin(host: PluginHost, PluginClass: V3PluginClass, name: string, external: boolean): Promise<(() => unknown) | undefined> {
  if (host.plugins.some((record) => record.instance && (record.instance as object).constructor === PluginClass)) {
    throw new StratusError('PLUGIN_DUPLICATE_DEFINITION', `Plugin "${name}" is loaded twice.`, { hint: 'Remove the duplicate entry from "plugins".' });
  }
  const log = host.log.child(name);
  const utils = external ? { log, writeText: log.writeText, progress: host.progress } : {};
  const instance = await host.as(name, () => new PluginClass(host.serverless, host.service.options, utils));

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
    host.engine.tap(name, hookId, handler, { strict: false });
  }
  for (const [sourceName, source] of Object.entries(instance.configurationVariablesSources ?? {})) {
    host.registerVariableSource(name, sourceName, adaptVariableSource(name, sourceName, source.resolve.bind(source)));
  }
  return typeof instance.asyncInit === 'function' ? () => host.as(name, () => instance.asyncInit?.()) : undefined;
}
