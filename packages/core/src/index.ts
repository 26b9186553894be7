// The public API of @stratus/core. Everything else is internal.
export { StratusError, isStratusError } from './errors/stratus-error';
export { didYouMean, suggestClosest } from './errors/suggest';

export type { CommandDefinition, OptionDefinition, OptionType } from './lifecycle/command-definition';
export type { RegisteredCommand } from './lifecycle/command-registry';
export type { HookHandler, SpawnOptions } from './lifecycle/lifecycle-engine';

export { createLogger, type Logger, type LogLevel, type LogSink } from './logging/logger';
export { createProgressFactory, type Progress, type ProgressFactory } from './logging/progress';

export type { CoreHooks, PluginApi, StratusPlugin } from './plugins/plugin-api';
export type { ServiceContext } from './plugins/service-context';
export { providerNameOf, stageOf } from './plugins/service-context';
export type { BuiltinPlugin } from './plugins/load-plugins';

export type { ConfigLocation, LocateProperty } from './config/locate';
export { formatLocation } from './config/locate';
export { parseYaml, cloudFormationTags } from './config';

export type { JsonSchema, SchemaDefiner } from './schema';
export type { VariableSource, VariableSourceContext, VariableSourceResult } from './variables';

export { ServerlessError } from './v3/serverless-error';
export { V3_COMPATIBLE_VERSION } from './v3/serverless-facade';
export { V3_MEMBERS, type V3Members } from './v3/v3-members';

export { coreCommandsPlugin, CORE_COMMANDS } from './commands/core-commands-plugin';
export { printPlugin } from './commands/print-plugin';

export { runCli, type CliIo, type CliPreset } from './bootstrap/run-cli';
