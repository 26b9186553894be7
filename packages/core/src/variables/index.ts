/**
 * Configuration variables (`${self:…}`, `${opt:…}`, `${env:…}`, `${file(…):…}`, …) as in
 * Serverless Framework v3: syntax, fallbacks, the core sources and the resolver.
 */
export type { VariableSource, VariableSourceContext, VariableSourceResult, VariableSources } from './types';
export { resolveVariables, type ResolveVariablesOptions } from './resolve-variables';
export { containsVariables } from './contains-variables';
export { createCoreVariableSources, type CoreSourcesOptions } from './sources/core-sources';
