import type { LocateProperty } from '../config/locate';
import { StratusError } from '../errors/stratus-error';
import { ajvErrorsToProblems } from './ajv-errors-to-problems';
import { formatProblems, type ConfigProblem } from './config-problem';
import { findSchemaErrors } from './find-schema-errors';
import { hideNulls } from './hide-nulls';
import type { JsonSchema } from './json-schema';

export type ConfigValidationMode = 'warn' | 'error' | 'off';

export interface ValidateConfigurationOptions {
  /** Mutated: ajv coerces types in place (`'5'` → 5, `x` → `[x]`), in every mode, as v3 does. */
  configuration: Record<string, unknown>;
  schema: JsonSchema;
  mode: ConfigValidationMode;
  fileName: string;
  locate: LocateProperty;
}

/**
 * Validates the resolved configuration against the schema plugins built. `warn` returns the
 * problems for the caller to print, `error` throws them all at once, `off` returns none — but
 * validation (and so coercion) runs in every mode. Validators are cached on disk between runs
 * (see `cached-validator.ts`).
 */
export function validateConfiguration(options: ValidateConfigurationOptions): ConfigProblem[] {
  const { configuration, schema, mode, fileName, locate } = options;
  const restoreNulls = hideNulls(configuration);
  let errors: ReturnType<typeof findSchemaErrors>;
  try {
    errors = findSchemaErrors(schema, configuration, mode !== 'off');
  } finally {
    restoreNulls();
  }
  if (errors === null) return [];
  const problems = ajvErrorsToProblems(errors, schema, locate);
  if (mode === 'error' && problems.length > 0) {
    throw new StratusError('CONFIG_VALIDATION_ERROR', `Invalid configuration in "${fileName}":\n${indent(formatProblems(problems, fileName))}`, {
      hint: 'Fix the properties listed above. If one belongs to a plugin, check that the plugin is listed under "plugins". To only warn, set "configValidationMode: warn".',
    });
  }
  return problems;
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
