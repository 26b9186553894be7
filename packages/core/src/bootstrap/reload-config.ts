import { isDeepStrictEqual } from 'node:util';
import { loadServiceConfig, type LoadedConfig } from '../config';
import { StratusError } from '../errors/stratus-error';
import type { Logger } from '../logging/logger';
import type { PluginHost } from '../plugins/plugin-host';
import type { ConfigSchemaHandler } from '../schema';
import { createCoreVariableSources, resolveVariables, type VariableSource } from '../variables';
import { applyServiceDefaults } from './service-defaults';
import { warnAboutProblems } from './validate-config';

export interface ConfigReloaderOptions {
  host: PluginHost;
  schema: ConfigSchemaHandler;
  loaded: LoadedConfig;
  instanceId: string;
  log: Logger;
}

/**
 * Reads the configuration file again and takes it through the same steps as the first load
 * (every variable source, defaults, `configResolved`, validation), then swaps it into the live
 * configuration object in place, so every view of it (plugins, the v3 facade) sees the new one.
 * Long-running commands (`offline`) use it when serverless.yml changes.
 */
export function createConfigReloader(options: ConfigReloaderOptions): () => Promise<void> {
  const { host, schema, loaded, instanceId, log } = options;
  const context = host.service;
  return async () => {
    const fresh = await loadServiceConfig({ serviceDir: loaded.serviceDir, configPath: loaded.filePath });
    await resolveVariables({
      configuration: fresh.configuration,
      sources: finalVariableSources(host, instanceId),
      serviceDir: fresh.serviceDir,
      configFile: fresh.fileName,
      options: context.options,
      final: true,
      locate: fresh.locate,
    });
    // Plugins and the provider were chosen at start-up; changing them needs a new process.
    for (const key of ['plugins', 'provider.name'] as const) {
      const [before, after] = [valueAt(context.configuration, key), valueAt(fresh.configuration, key)];
      if (!isDeepStrictEqual(before, after)) {
        throw new StratusError('CONFIG_RELOAD_NEEDS_RESTART', `"${key}" changed in ${fresh.fileName}; that cannot be applied to a running command.`, {
          hint: 'Stop the command (Ctrl+C) and start it again.',
        });
      }
    }
    applyServiceDefaults(fresh.configuration, context.options);
    // Plugins read the live object in their configResolved taps: swap first, and swap back if
    // the new configuration fails there, so a failure leaves the running configuration as it was.
    const previous = { configuration: { ...context.configuration }, locate: context.locate };
    replaceInPlace(context.configuration, fresh.configuration);
    context.locate = fresh.locate;
    try {
      await host.core.configResolved.promise(context);
      warnAboutProblems(context, fresh, schema, log);
    } catch (error) {
      replaceInPlace(context.configuration, previous.configuration);
      context.locate = previous.locate;
      throw error;
    }
    await host.core.configReloaded.promise(context);
  };
}

/** Every variable source of the final resolution phase: the core's, then the plugins'. */
export function finalVariableSources(host: PluginHost, instanceId: string): Map<string, VariableSource> {
  const sources = createCoreVariableSources({ optionsComplete: true, instanceId });
  for (const [name, source] of host.pluginVariableSources()) sources.set(name, source);
  return sources;
}

function valueAt(configuration: Record<string, unknown>, dottedPath: string): unknown {
  let value: unknown = configuration;
  for (const key of dottedPath.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function replaceInPlace(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}
