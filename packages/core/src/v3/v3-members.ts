/**
 * The members Serverless Framework v3.40 had on the objects a plugin reaches, so that a plugin
 * asking for one Stratus lacks gets a clear error naming it, instead of `undefined is not a function`
 * somewhere later (see member-guard.ts). A name v3 never had stays `undefined`, as in v3.
 */
export interface V3Members {
  /** Every member name v3 had (implemented or not). */
  readonly members: readonly string[];
  /** Extra advice for some unimplemented members (`sdk` → use `request`). */
  readonly hints?: Readonly<Record<string, string>>;
  /** Members whose value is an object to guard in turn. */
  readonly children?: Readonly<Record<string, V3Members>>;
  /** Methods and classes are handed out as they are (`classes.Error` must stay a constructor). */
  readonly plainValues?: boolean;
}

/**
 * An object that describes its own v3 members (a provider package's `getProvider()` object) keeps
 * them under this key; the guard then covers it wherever a plugin reaches it.
 */
export const V3_MEMBERS = Symbol.for('stratus.v3Members');

const SERVICE: V3Members = {
  members: [
    'serverless', 'service', 'serviceObject', 'provider', 'custom', 'plugins', 'pluginsData', 'functions', 'resources', 'package',
    'configValidationMode', 'disabledDeprecations', 'deprecationNotificationMode', 'serviceFilename', 'initialServerlessConfig', 'app',
    'org', 'layers', 'outputs', 'load', 'loadServiceFileParam', 'reloadServiceFileParam', 'setFunctionNames', 'mergeArrays', 'validate',
    'update', 'getServiceName', 'getServiceObject', 'getAllFunctions', 'getAllLayers', 'getAllFunctionsNames', 'getFunction', 'getLayer',
    'getEventInFunction', 'getAllEventsInFunction', 'publish',
  ],
};

const PLUGIN_MANAGER: V3Members = {
  members: [
    'serverless', 'cliOptions', 'cliCommands', 'pluginIndependentCommands', 'plugins', 'externalPlugins', 'localPluginsPaths', 'commands',
    'aliases', 'hooks', 'deprecatedEvents', 'dashboardPlugin', 'commandRunStartTime', 'setCliOptions', 'setCliCommands', 'addPlugin',
    'loadAllPlugins', 'requireServicePlugin', 'resolveServicePlugins', 'getLocalPluginsPathPatterns', 'resolveEnterprisePlugin',
    'parsePluginsObject', 'createCommandAlias', 'loadCommand', 'loadCommands', 'loadHooks', 'getCommands', 'getAliasCommandTarget',
    'getCommand', 'getPlugins', 'getLifecycleEventsData', 'runHooks', 'invoke', 'spawn', 'run', 'validateCommand',
    'validateServerlessConfigDependency', 'convertShortcutsIntoOptions', 'assignDefaultOptions', 'asyncPluginInit', 'getHooks',
  ],
  hints: {
    loadAllPlugins: 'Stratus loads the plugins listed under "plugins:" itself.',
    requireServicePlugin: 'Stratus loads the plugins listed under "plugins:" itself.',
    resolveServicePlugins: 'Stratus loads the plugins listed under "plugins:" itself.',
  },
};

const UTILS: V3Members = {
  members: [
    'serverless', 'getVersion', 'dirExistsSync', 'getTmpDirPath', 'fileExistsSync', 'writeFileDir', 'writeFileSync', 'writeFile',
    'appendFileSync', 'readFileSync', 'readFile', 'walkDirSync', 'copyDirContentsSync', 'generateShortId', 'isEventUsed',
  ],
};

const CLASSES: V3Members = {
  members: ['CLI', 'YamlParser', 'Utils', 'Service', 'Error', 'PluginManager', 'ConfigSchemaHandler'],
  plainValues: true,
};

const CLI: V3Members = {
  members: [
    'serverless', 'loadedPlugins', 'loadedCommands', 'log', 'consoleLog', 'printDot', 'setLoadedPlugins', 'setLoadedCommands',
    'displayHelp', 'generateMainHelp', 'generateCommandsHelp', 'displayCommandUsage', 'displayCommandOptions', 'getVersionNumber',
    'asciiGreeting', 'processedInput', 'suppressLogIfPrintCommand',
  ],
};

const CONFIG: V3Members = { members: ['serverless', 'serverlessPath', 'servicePath', 'serviceDir', 'update', 'stage', 'region'] };

const CONFIG_SCHEMA_HANDLER: V3Members = {
  members: [
    'serverless', 'schema', 'validateConfig', 'defineTopLevelProperty', 'defineCustomProperties', 'defineFunctionEvent',
    'defineFunctionEventProperties', 'defineFunctionProperties', 'defineProvider', 'relaxProviderSchema',
  ],
};

/** `serverless` itself, and the objects under it a plugin reaches. */
export const SERVERLESS_V3_MEMBERS: V3Members = {
  members: [
    'serviceDir', 'configurationFilename', 'configurationInput', 'isConfigurationInputResolved', 'processedInput', 'providers', 'version',
    'yamlParser', 'utils', 'service', 'variables', 'pluginManager', 'configSchemaHandler', 'config', 'classes', 'serverlessDirPath',
    'isStandaloneExecutable', 'isLocallyInstalled', 'isInvokedByGlobalInstallation', 'isTelemetryReportedExternally',
    'triggeredDeprecations', 'instanceId', 'cli', 'serviceOutputs', 'servicePluginOutputs', 'init', 'run', 'addServiceOutputSection',
    'setProvider', 'getProvider', 'getVersion', '_logDeprecation', 'logDeprecation', 'extendConfiguration', '_commandsSchema',
  ],
  hints: {
    init: 'Stratus runs the lifecycle itself; a plugin cannot restart it.',
    run: 'Stratus runs the lifecycle itself; use pluginManager.spawn("<command>") to run another command.',
  },
  children: {
    service: SERVICE,
    pluginManager: PLUGIN_MANAGER,
    utils: UTILS,
    classes: CLASSES,
    cli: CLI,
    config: CONFIG,
    configSchemaHandler: CONFIG_SCHEMA_HANDLER,
    // Each provider object describes its own members (V3_MEMBERS); the map itself has no fixed names.
    providers: { members: [] },
    variables: { members: ['service', 'options'], children: { service: SERVICE } },
    yamlParser: { members: ['serverless', 'parse'] },
  },
};

// v3's objects point back at `serverless` (`pluginManager.serverless`…): the way back is guarded too.
for (const owner of [SERVICE, PLUGIN_MANAGER, UTILS, CLI, CONFIG, CONFIG_SCHEMA_HANDLER]) {
  (owner as { children?: Record<string, V3Members> }).children = { ...owner.children, serverless: SERVERLESS_V3_MEMBERS };
}
