import path from 'node:path';
import type { PluginHost } from '../plugins/plugin-host';
import { providerNameOf } from '../plugins/service-context';
import { ServerlessError } from './serverless-error';
import { createServiceFacade } from './service-facade';
import { createUtilsFacade } from './utils-facade';

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
 * The `serverless` object a v3 plugin receives. Every member is a view of the shared plugin host;
 * provider-specific members (`request`, `naming`…) come from the provider package.
 */
export function createServerlessFacade(host: PluginHost, options: ServerlessFacadeOptions): Record<string, unknown> {
  const context = host.service;
  const serviceDirState = { current: context.serviceDir };
  const cliLog = host.log.child('serverless');
  const serviceOutputs = new Map<string, unknown>();
  const servicePluginOutputs = new Map<string, unknown>();

  const configSchemaHandler = new Proxy({} as Record<string, unknown>, {
    // Each call is attributed to the plugin currently constructing, so collisions name it.
    get: (_target, property) => {
      const definer = host.schema.forOwner(host.currentOwner) as unknown as Record<string | symbol, unknown>;
      if (property === 'schema') return host.schema.schema;
      const member = definer[property];
      return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(definer) : member;
    },
  });

  const pluginManager = {
    get cliOptions() {
      return context.options;
    },
    get plugins() {
      return host.plugins.map((record) => record.instance);
    },
    getPlugins: () => host.plugins.map((record) => record.instance),
    get externalPlugins() {
      return new Set(host.plugins.filter((record) => record.style === 'v3').map((record) => record.instance));
    },
    get commands() {
      return Object.fromEntries(host.engine.commands.all().filter((command) => command.path.length === 1).map((command) => [command.key, command]));
    },
    spawn: (command: string | string[], spawnOptions?: { terminateLifecycleAfterExecution?: boolean }) => host.spawn(command, spawnOptions),
    getHooks: (hookIds: string | string[]) =>
      (Array.isArray(hookIds) ? hookIds : [hookIds]).flatMap((hookId) => host.engine.tapsOf(hookId).map((pluginName) => ({ pluginName }))),
  };

  const serverless: Record<string, unknown> = {
    version: V3_COMPATIBLE_VERSION,
    getVersion: () => V3_COMPATIBLE_VERSION,
    instanceId: options.instanceId,
    service: createServiceFacade(context),
    pluginManager,
    configSchemaHandler,
    classes: { Error: ServerlessError },
    utils: createUtilsFacade(V3_COMPATIBLE_VERSION),
    cli: {
      log: (message: string) => cliLog(message),
      consoleLog: (message: string) => cliLog(message),
    },
    processedInput: { commands: options.commands, get options() { return context.options; } },
    variables: { get service() { return serverless.service; }, get options() { return context.options; } },
    serviceOutputs,
    servicePluginOutputs,
    addServiceOutputSection: (name: string, content: string | string[]) => {
      if (servicePluginOutputs.has(name)) throw new ServerlessError(`Service output section "${name}" is already defined`, 'DUPLICATE_SERVICE_OUTPUT_SECTION');
      servicePluginOutputs.set(name, content);
    },
    getProvider: (name: string) => host.getProvider(name) ?? false,
    setProvider: (name: string, provider: unknown) => host.registerProvider(host.currentOwner, name, provider),
    get providers() {
      return Object.fromEntries(host.providerNames().map((name) => [name, host.getProvider(name)]));
    },
    logDeprecation: (code: string, message: string) => host.log.warning(`Deprecation (EXT_${code}): ${message}`),
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
    get configurationFilename() {
      return context.configFile;
    },
    get serviceDir() {
      return serviceDirState.current;
    },
  };

  // `config.servicePath` is an alias of `serviceDir` that some plugins repoint (serverless-plugin-typescript).
  serverless.config = {
    get servicePath() {
      return serviceDirState.current;
    },
    set servicePath(value: string | undefined) {
      serviceDirState.current = value;
    },
    get serviceDir() {
      return context.serviceDir;
    },
    get stage() {
      return context.options.stage;
    },
    get region() {
      return context.options.region;
    },
    serverlessPath: path.join(__dirname, '..'),
  };
  Object.defineProperty(serverless, 'providerName', { get: () => providerNameOf(context.configuration) });
  return serverless;
}
