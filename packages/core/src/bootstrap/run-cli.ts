import { parseCommandOptions, parseOptionsLoosely, splitArgv } from '../cli/parse-argv';
import { renderCommandHelp, renderGeneralHelp } from '../cli/render-help';
import { loadServiceConfig, type LoadedConfig } from '../config';
import { loadDotenv } from '../dotenv/load-dotenv';
import { StratusError } from '../errors/stratus-error';
import { GLOBAL_OPTIONS } from '../lifecycle/command-definition';
import type { RegisteredCommand } from '../lifecycle/command-registry';
import { LifecycleEngine } from '../lifecycle/lifecycle-engine';
import { createLogger, type LogSink } from '../logging/logger';
import { createProgressFactory } from '../logging/progress';
import { addBuiltinPlugins, addPluginFromFile, addPluginValue, addServicePlugins, type BuiltinPlugin } from '../plugins/load-plugins';
import { unwrapDefault } from '../plugins/load-module';
import { readPluginList } from '../plugins/plugin-list';
import { tryResolve } from '../plugins/resolve-plugin';
import { PluginHost } from '../plugins/plugin-host';
import { providerNameOf, stageOf, type ServiceContext } from '../plugins/service-context';
import { ConfigSchemaHandler } from '../schema';
import { createServerlessFacade } from '../v3/serverless-facade';
import { containsVariables, createCoreVariableSources, resolveVariables } from '../variables';
import { createConfigReloader, finalVariableSources } from './reload-config';
import { reportError } from './report-error';
import { applyServiceDefaults } from './service-defaults';
import { warnAboutProblems } from './validate-config';

/** What the CLI package (the composition root) decides. */
export interface CliPreset {
  version: string;
  /** Loaded first, in this order. */
  builtinPlugins: readonly BuiltinPlugin[];
  /** `provider.name` → package that implements it (`aws` → `@stratus/provider-aws`). */
  providerPackages: Readonly<Record<string, string>>;
  /** Providers bundled with the CLI: loaded by calling this instead of resolving the package (faster start-up). */
  bundledProviders?: Readonly<Record<string, () => unknown>>;
  /** Resolve a module from the CLI's own dependencies. */
  resolveFromCli: (specifier: string) => string | undefined;
}

export interface CliIo {
  cwd: string;
  stdout: LogSink;
  stderr: LogSink;
  interactive: boolean;
}

/** Keys resolved before `.env` loads. */
const DOTENV_KEYS = [['provider', 'name'], ['provider', 'stage'], ['useDotenv']];
/** Keys that must be resolved before plugins load (they decide which plugins load and how). */
const EARLY_KEYS = [['service'], ['provider', 'name'], ['provider', 'stage'], ['useDotenv'], ['plugins'], ['package', 'path'], ['frameworkVersion'], ['configValidationMode']];

/**
 * The whole run, in order: read config → resolve early variables → .env → load plugins →
 * seal → resolve the rest → defaults → validate → run the command. Returns the exit code.
 */
export async function runCli(argv: readonly string[], preset: CliPreset, io: CliIo): Promise<number> {
  const { commands: words, rest } = splitArgv(argv);
  const options = parseOptionsLoosely(rest, GLOBAL_OPTIONS);
  const log = createLogger({ verbose: Boolean(options.verbose), debug: Boolean(options.debug), sink: io.stderr, textSink: io.stdout });
  const progress = createProgressFactory({ sink: io.stderr, interactive: io.interactive && !options.debug });
  try {
    if (options.version && words.length === 0) {
      log.writeText(preset.version);
      return 0;
    }
    const wantsHelp = words.length === 0 || Boolean(options.help);
    const loaded = await loadConfigIfPresent(io.cwd, options, wantsHelp);
    const context: ServiceContext = {
      serviceDir: loaded?.serviceDir,
      configFile: loaded?.fileName,
      configuration: loaded?.configuration ?? {},
      options,
      locate: loaded?.locate ?? (() => ({ file: 'serverless.yml' })),
      commands: words,
    };
    const resolveWith = (sources: Map<string, import('../variables').VariableSource>, final: boolean, propertyPaths?: string[][]) =>
      loaded
        ? resolveVariables({
            configuration: context.configuration,
            sources,
            serviceDir: loaded.serviceDir,
            configFile: loaded.fileName,
            options,
            final,
            locate: loaded.locate,
            ...(propertyPaths ? { propertyPaths } : {}),
          })
        : Promise.resolve();

    // Stage and useDotenv first (core sources only): they decide which .env file loads.
    const declaredOptions = new Set(Object.keys(GLOBAL_OPTIONS));
    const coreSources = createCoreVariableSources({ optionsComplete: false, declaredOptions });
    await resolveWith(coreSources, false, DOTENV_KEYS);
    if (loaded && context.configuration.useDotenv === true) loadDotenv(loaded.serviceDir, stageOf(context));
    // Then everything the core can resolve; the keys that decide plugins must be done by now.
    await resolveWith(coreSources, false);
    if (loaded) assertEarlyKeysResolved(context.configuration, loaded.fileName);

    const engine = new LifecycleEngine(log);
    const providerName = providerNameOf(context.configuration);
    const schema = new ConfigSchemaHandler({ providerName: providerName ?? '' });
    const host = new PluginHost(engine, schema, context, log, progress);
    const instanceId = String(Date.now());
    let loadingPlugins = true;
    host.serverless = createServerlessFacade(host, { commands: words, instanceId, isLoadingPlugins: () => loadingPlugins });

    const inits = await addBuiltinPlugins(host, preset.builtinPlugins);
    const providerPackage = providerName === undefined ? undefined : preset.providerPackages[providerName];
    const bundledProvider = providerName === undefined ? undefined : preset.bundledProviders?.[providerName];
    if (providerPackage && bundledProvider) {
      const init = await addPluginValue(host, unwrapDefault(bundledProvider()), providerPackage, false);
      if (init) inits.push(init);
    } else if (providerPackage) {
      // The provider package ships with the CLI, or the service installs it.
      const providerPath = preset.resolveFromCli(providerPackage) ?? (loaded ? tryResolve(loaded.serviceDir, providerPackage) : undefined);
      if (providerPath) {
        const init = await addPluginFromFile(host, providerPath, providerPackage, false);
        if (init) inits.push(init);
      }
    }
    if (loaded) {
      const list = readPluginList(context.configuration.plugins, loaded.serviceDir, loaded.fileName);
      inits.push(...(await addServicePlugins(host, list.names, { serviceDir: loaded.serviceDir, localPath: list.localPath, configFile: loaded.fileName, resolveFromCli: preset.resolveFromCli })));
    }
    for (const init of inits) await init();
    loadingPlugins = false;
    engine.checkHooks();

    if (wantsHelp) {
      const command = words.length > 0 ? engine.commands.findForUser(words) : undefined;
      log.writeText(command ? renderCommandHelp(engine.commands, command) : renderGeneralHelp(engine.commands, preset.version));
      return 0;
    }
    const command = engine.commands.findForUser(words);
    if (command.type === 'container') {
      log.writeText(renderCommandHelp(engine.commands, command));
      return 0;
    }
    parseCommandOptions(rest, engine.commands.optionsOf(command), command.path.join(' '), options);
    assertCommandCanRun(command, loaded, providerName, host, preset);

    await resolveWith(finalVariableSources(host, instanceId), true);
    if (loaded) {
      applyServiceDefaults(context.configuration, options);
      await host.core.configResolved.promise(context);
      warnAboutProblems(context, loaded, schema, log);
      host.configReloader = createConfigReloader({ host, schema, loaded, instanceId, log });
    }
    await engine.run(command);
    return 0;
  } catch (error) {
    return reportError(error, log);
  }
}

async function loadConfigIfPresent(cwd: string, options: Record<string, unknown>, optional: boolean): Promise<LoadedConfig | undefined> {
  try {
    return await loadServiceConfig({ serviceDir: cwd, ...(typeof options.config === 'string' ? { configPath: options.config } : {}) });
  } catch (error) {
    // Outside a service, help and service-less commands still work; the command check reports it otherwise.
    if (error instanceof StratusError && error.code === 'CONFIG_NOT_FOUND' && (optional || options.config === undefined)) return undefined;
    throw error;
  }
}

function assertEarlyKeysResolved(configuration: Record<string, unknown>, fileName: string): void {
  for (const keyPath of EARLY_KEYS) {
    let value: unknown = configuration;
    for (const key of keyPath) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value !== undefined && containsVariables(value)) {
      throw new StratusError('VARIABLES_INACCESSIBLE_PROPERTY', `Cannot resolve ${fileName}: "${keyPath.join('.')}" uses a variable that cannot be resolved before plugins load.`, {
        hint: 'Use only ${self:}, ${opt:}, ${env:}, ${sls:stage}, ${file()} or ${strToBool()} there.',
      });
    }
  }
}

function assertCommandCanRun(command: RegisteredCommand, loaded: LoadedConfig | undefined, providerName: string | undefined, host: PluginHost, preset: CliPreset): void {
  if (command.configDependent && !loaded) {
    throw new StratusError('CONFIG_NOT_FOUND', `"stratus ${command.path.join(' ')}" must run in a service directory, and no serverless.yml (or .yaml, .json, .js, .cjs, .mjs, .ts) is here.`, {
      hint: 'cd into the folder of your service, or pass --config <file>.',
    });
  }
  if (!command.providerDependent || !loaded || !providerName || host.getProvider(providerName)) return;
  const packageName = preset.providerPackages[providerName];
  throw new StratusError('PROVIDER_NOT_FOUND', `provider.name is "${providerName}" in ${loaded.fileName}, and no provider plugin for "${providerName}" is installed.`, {
    hint: packageName ? `Install ${packageName} next to the CLI or in the service.` : `Known providers: ${Object.keys(preset.providerPackages).join(', ') || 'none'}. A plugin can add one with api.registerProvider("${providerName}", …).`,
  });
}
