import os from 'node:os';
import path from 'node:path';
import type { PluginHost } from '../plugins/plugin-host';
import { providerNameOf } from '../plugins/service-context';
import type { SchemaDefiner } from '../schema';
import { createPluginManagerFacade } from './plugin-manager-facade';
import { ServerlessError } from './serverless-error';
import { createServiceFacade } from './service-facade';
import { createUtilsFacade } from './utils-facade';
import { SERVERLESS_V3_MEMBERS, V3_MEMBERS } from './v3-members';

/** The Serverless Framework version whose plugin API the facade follows (plugins check it with semver). */
export const V3_COMPATIBLE_VERSION = '3.40.0';

export interface ServerlessFacadeOptions {
  /** `{ commands, options }` as the user typed them. */
  commands: string[];
  instanceId: string;
  /** Raised by `extendConfiguration` after plugins have loaded. */
  isLoadingPlugins: () => boolean;
}

/**
 * v3's `configSchemaHandler`. Each call is attributed to the plugin making it (the one being
 * constructed, or the one whose call is running), so a collision names it.
 */
function createSchemaFacade(host: PluginHost): Record<string, unknown> {
  const definer = (): SchemaDefiner => host.schema.forOwner(host.callingPlugin ?? host.currentOwner);
  return {
    get schema() {
      return host.schema.schema;
    },
    defineTopLevelProperty: (...args: Parameters<SchemaDefiner['defineTopLevelProperty']>) => definer().defineTopLevelProperty(...args),
    defineCustomProperties: (...args: Parameters<SchemaDefiner['defineCustomProperties']>) => definer().defineCustomProperties(...args),
    defineFunctionEvent: (...args: Parameters<SchemaDefiner['defineFunctionEvent']>) => definer().defineFunctionEvent(...args),
    defineFunctionEventProperties: (...args: Parameters<SchemaDefiner['defineFunctionEventProperties']>) => definer().defineFunctionEventProperties(...args),
    defineFunctionProperties: (...args: Parameters<SchemaDefiner['defineFunctionProperties']>) => definer().defineFunctionProperties(...args),
    defineProvider: (...args: Parameters<SchemaDefiner['defineProvider']>) => definer().defineProvider(...args),
  };
}

/**
 * The `serverless` object a v3 plugin receives. Every member is a view of the shared plugin host;
 * provider-specific members (`request`, `naming`…) come from the provider package. Each v3 plugin
 * sees it through its own guard (plugin-view.ts).
 */
export function createServerlessFacade(host: PluginHost, options: ServerlessFacadeOptions): Record<string, unknown> {
  const context = host.service;
  // Plugins repoint `serviceDir` (`config.servicePath`); the service context follows, so packaging and
  // `invoke local` work in the new folder as v3's do. `config.serviceDir` keeps the original.
  const originalServiceDir = context.serviceDir;
  const cliLog = host.log.child('serverless');
  const serviceOutputs = new Map<string, unknown>();
  const servicePluginOutputs = new Map<string, unknown>();
  const utils = createUtilsFacade(V3_COMPATIBLE_VERSION);
  const service = createServiceFacade(context);
  const logDeprecation = (code: string, message: string) => host.log.warning(`Deprecation (${code}): ${message}`);

  const serverless: Record<string, unknown> = {
    version: V3_COMPATIBLE_VERSION,
    getVersion: () => V3_COMPATIBLE_VERSION,
    instanceId: options.instanceId,
    service,
    configSchemaHandler: createSchemaFacade(host),
    classes: { Error: ServerlessError },
    utils,
    yamlParser: { parse: async (filePath: string) => utils.readFileSync(filePath) },
    cli: {
      log: (message: string) => cliLog(message),
      consoleLog: (message: string) => cliLog(message),
      // v3 printed a dot per poll of a long operation; the progress line covers that.
      printDot: () => undefined,
      get loadedPlugins() {
        return host.plugins.map((record) => record.instance);
      },
      get loadedCommands() {
        return (serverless.pluginManager as { getCommands: () => unknown }).getCommands();
      },
    },
    processedInput: { commands: options.commands, get options() { return context.options; } },
    variables: { get service() { return serverless.service; }, get options() { return context.options; } },
    serviceOutputs,
    servicePluginOutputs,
    addServiceOutputSection: (name: string, content: string | string[]) => {
      if (serviceOutputs.has(name) || servicePluginOutputs.has(name)) {
        throw new ServerlessError(`Service output section "${name}" is already defined`, 'DUPLICATE_SERVICE_OUTPUT_SECTION');
      }
      servicePluginOutputs.set(name, content);
    },
    getProvider: (name: string) => host.getProvider(name) ?? false,
    setProvider: (name: string, provider: unknown) => host.registerProvider(host.callingPlugin ?? host.currentOwner, name, provider),
    get providers() {
      return Object.fromEntries(host.providerNames().map((name) => [name, host.getProvider(name)]));
    },
    logDeprecation: (code: string, message: string) => logDeprecation(`EXT_${code}`, message),
    _logDeprecation: logDeprecation,
    triggeredDeprecations: new Set<string>(),
    extendConfiguration: (pathKeys: string[], value: unknown) => {
      if (!options.isLoadingPlugins()) {
        throw new ServerlessError('extendConfiguration can only be used while plugins load (in a constructor or asyncInit)', 'REJECTED_CONFIGURATION_EXTENSION');
      }
      let target = context.configuration;
      for (const key of pathKeys.slice(0, -1)) {
        if (!target[key] || typeof target[key] !== 'object') target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      target[pathKeys[pathKeys.length - 1] as string] = JSON.parse(JSON.stringify(value));
    },
    get configurationInput() {
      return context.configuration;
    },
    // Variables are resolved before any plugin hook runs.
    isConfigurationInputResolved: true,
    get configurationFilename() {
      return context.configFile;
    },
    get serviceDir() {
      return context.serviceDir;
    },
    set serviceDir(value: string | undefined) {
      context.serviceDir = value;
    },
    serverlessDirPath: path.join(os.homedir(), '.serverless'),
    isStandaloneExecutable: false,
    isLocallyInstalled: false,
    isInvokedByGlobalInstallation: false,
    isTelemetryReportedExternally: false,
  };
  serverless.pluginManager = createPluginManagerFacade(host, () => serverless);

  // `config.servicePath` is an alias of `serviceDir` that some plugins repoint (serverless-plugin-typescript).
  serverless.config = {
    get serverless() {
      return serverless;
    },
    get servicePath() {
      return context.serviceDir;
    },
    set servicePath(value: string | undefined) {
      context.serviceDir = value;
    },
    get serviceDir() {
      return originalServiceDir;
    },
    get stage() {
      return context.options.stage;
    },
    get region() {
      return context.options.region;
    },
    serverlessPath: path.join(__dirname, '..'),
  };
  // v3's Service and Utils point back at `serverless`; not enumerable, so the config stays JSON-serialisable.
  for (const owner of [service, utils]) Object.defineProperty(owner, 'serverless', { get: () => serverless, enumerable: false, configurable: true });
  Object.defineProperty(serverless, 'providerName', { get: () => providerNameOf(context.configuration) });
  // Reached from elsewhere (`provider.serverless`), it is still guarded for the plugin holding it.
  Object.defineProperty(serverless, V3_MEMBERS, { value: SERVERLESS_V3_MEMBERS });
  return serverless;
}
