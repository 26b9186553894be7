import { deepFreeze, type JsonSchema } from './json-schema';

export const SERVICE_NAME_PATTERN = '^[a-zA-Z][0-9a-zA-Z-]+$';
export const FUNCTION_NAME_PATTERN = '^[a-zA-Z0-9-_]+$';
export const STAGE_PATTERN = '^[a-zA-Z0-9-]+$';

/** Root keys core itself owns; providers and plugins add more (`resources`, `layers`, …). */
export const CORE_ROOT_KEYS = [
  'service', 'provider', 'functions', 'custom', 'plugins', 'package', 'params', 'configValidationMode',
  'deprecationNotificationMode', 'disabledDeprecations', 'frameworkVersion', 'useDotenv', 'dashboard',
  'console', 'projectDir', 'variablesResolutionMode',
] as const;

/** Function keys core owns; a provider's `defineProvider` may refine `handler` and `name`. */
export const CORE_FUNCTION_KEYS = ['handler', 'name', 'events'] as const;

const stringArray = (): JsonSchema => ({ type: 'array', items: { type: 'string' } });

export function stageSchema(): JsonSchema {
  return { type: 'string', pattern: STAGE_PATTERN };
}

/** Until a provider calls `defineProvider`, provider settings are not checked beyond `name`/`stage`. */
export function relaxedProviderSchema(): JsonSchema {
  return {
    type: 'object',
    properties: { name: { type: 'string' }, stage: stageSchema() },
    required: ['name'],
    additionalProperties: true,
  };
}

/** The schema of one function; `events.items` becomes an `anyOf` of event schemas once one is defined. */
function relaxedFunctionSchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      handler: { type: 'string' },
      name: { type: 'string' },
      events: { type: 'array', items: { type: 'object' } },
    },
    additionalProperties: true,
  };
}

/**
 * The core configuration schema (v3's root keys), a fresh copy per call: the schema handler
 * extends it in place as plugins load. `service`, `plugins` and `package` are frozen, as in v3,
 * so plugins cannot loosen them.
 */
export function createCoreSchema(): JsonSchema {
  return {
    type: 'object',
    definitions: {},
    properties: {
      service: deepFreeze({ type: 'string', pattern: SERVICE_NAME_PATTERN }),
      provider: relaxedProviderSchema(),
      functions: {
        type: 'object',
        patternProperties: { [FUNCTION_NAME_PATTERN]: relaxedFunctionSchema() },
        additionalProperties: false,
      },
      custom: { type: 'object', properties: {}, additionalProperties: true },
      plugins: deepFreeze({
        anyOf: [
          stringArray(),
          {
            type: 'object',
            properties: { modules: stringArray(), localPath: { type: 'string' } },
            additionalProperties: false,
          },
        ],
      }),
      package: deepFreeze({
        type: 'object',
        properties: {
          patterns: stringArray(),
          include: stringArray(),
          exclude: stringArray(),
          individually: { type: 'boolean' },
          artifact: { type: 'string' },
          excludeDevDependencies: { type: 'boolean' },
          path: { type: 'string' },
        },
        additionalProperties: false,
      }),
      params: {
        type: 'object',
        patternProperties: { [STAGE_PATTERN]: { type: 'object' } },
        additionalProperties: false,
      },
      configValidationMode: { enum: ['error', 'warn', 'off'] },
      deprecationNotificationMode: { enum: ['error', 'warn', 'warn:summary'] },
      disabledDeprecations: stringArray(),
      frameworkVersion: { type: 'string' },
      useDotenv: { type: 'boolean' },
      dashboard: {
        type: 'object',
        properties: { disableMonitoring: { type: 'boolean' } },
        additionalProperties: false,
      },
      console: { anyOf: [{ type: 'boolean' }, { type: 'object' }] },
      projectDir: { type: 'string' },
      variablesResolutionMode: { type: 'string', enum: ['20210219', '20210326'] },
    },
    additionalProperties: false,
  };
}
