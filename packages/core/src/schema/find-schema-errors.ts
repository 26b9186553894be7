import type { ErrorObject } from 'ajv';
import { loadValidator } from './cached-validator';
import { snapshotContainers } from './config-snapshot';
import type { JsonSchema } from './json-schema';

/**
 * Validates (and so coerces in place) `data` against `schema`; returns ajv's errors, or null when
 * it is valid or `withErrors` is false. A cached validator answers for a valid configuration;
 * for an invalid one its errors point at copies of the schema, so the data is put back as it was
 * and validated again by ajv, which gives the errors and coercion a single ajv run would.
 */
export function findSchemaErrors(schema: JsonSchema, data: unknown, withErrors: boolean): ErrorObject[] | null {
  const validator = loadValidator(schema);
  if (validator.detailed) {
    validator.validate(data);
    return withErrors ? (validator.validate.errors ?? null) : null;
  }
  // Without errors wanted, the cached run's coercion is already the one ajv would have made.
  if (!withErrors) {
    validator.validate(data);
    return null;
  }
  const restore = snapshotContainers(data);
  if (validator.validate(data)) return null;
  restore();
  const { compileSchema } = require('./compile-schema') as typeof import('./compile-schema');
  const validate = compileSchema(schema);
  validate(data);
  return validate.errors ?? null;
}
