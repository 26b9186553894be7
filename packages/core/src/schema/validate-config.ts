import type { LocateProperty } from '../config/locate';
import { StratusError } from '../errors/stratus-error';
import { ajvErrorsToProblems } from './ajv-errors-to-problems';
import { compileSchema } from './compile-schema';
import { formatProblems, type ConfigProblem } from './config-problem';
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
 * validation (and so coercion) runs in every mode.
 */
export function validateConfiguration(options: ValidateConfigurationOptions): ConfigProblem[] {
  const { configuration, schema, mode, fileName, locate } = options;
  const validate = compileSchema(schema);
  const restoreNulls = hideNulls(configuration);
  try {
    validate(configuration);
  } finally {
    restoreNulls();
  }
  if (mode === 'off' || !validate.errors) return [];
  const problems = ajvErrorsToProblems(validate.errors, schema, locate);
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
