import { createHash } from 'node:crypto';
import { AJV_OPTIONS } from './ajv-options';
import { canonicalJson } from './canonical-json';
import type { JsonSchema } from './json-schema';

/**
 * Bump when the generated code would change for the same schema, options and ajv version: the
 * `regexp` keyword's code generator, the runtime helpers `ajv-runtime.ts` maps, the file format.
 */
export const VALIDATOR_CACHE_FORMAT = 1;

/**
 * The cache key of the validator ajv compiles for `schema`: sha256 of everything that shapes the
 * generated code. Undefined when the schema cannot be written as JSON (then it is not cached).
 */
export function validatorCacheKey(schema: JsonSchema): string | undefined {
  const text = canonicalJson(schema);
  if (text === undefined) return undefined;
  // Only ajv's package.json: reading its version must not load ajv.
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(JSON.stringify({ format: VALIDATOR_CACHE_FORMAT, ajv: ajvVersion, options: AJV_OPTIONS }))
    .update('\n')
    .update(text)
    .digest('hex');
}
