export { createCoreSchema, CORE_ROOT_KEYS, FUNCTION_NAME_PATTERN, SERVICE_NAME_PATTERN, STAGE_PATTERN } from './core-schema';
export {
  ConfigSchemaHandler,
  CORE_OWNER,
  type ProviderSchemaDefinition,
  type SchemaDefiner,
} from './config-schema-handler';
export type { JsonSchema, SchemaPart } from './json-schema';
export { formatProblems, type ConfigProblem } from './config-problem';
export { validateConfiguration, type ConfigValidationMode, type ValidateConfigurationOptions } from './validate-config';
