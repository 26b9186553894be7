import type { ValidateFunction } from 'ajv';
import { join } from 'node:path';
import { stratusCacheDir } from './cache-dir';
import { readCacheFile, writeCacheFile } from './cache-file';
import type { JsonSchema } from './json-schema';
import { validatorCacheKey } from './validator-cache-key';
import { runValidatorScript, type CachedValidate, type ValidatorScriptFiles } from './validator-script';

export type SchemaValidator =
  /** Compiled by ajv in this process: its `errors` point at the live schema, as the problem mapping needs. */
  | { detailed: true; validate: ValidateFunction }
  /** From the cache: validates and coerces exactly as ajv does, but reports no usable errors. */
  | { detailed: false; validate: CachedValidate };

const loaded = new WeakMap<object, SchemaValidator>();

/**
 * The validator for `schema`, once per schema object (which must not change afterwards). From the
 * cache when a previous run compiled the same schema — without loading ajv, whose load and compile
 * cost more than the rest of start-up; otherwise compiled by ajv and written to the cache. The
 * cache is best effort: any problem with it means compiling in memory, as if there were none.
 */
export function loadValidator(schema: JsonSchema): SchemaValidator {
  let validator = loaded.get(schema);
  if (validator === undefined) {
    validator = fromCacheOrCompile(schema);
    loaded.set(schema, validator);
  }
  return validator;
}

function fromCacheOrCompile(schema: JsonSchema): SchemaValidator {
  const files = cacheFiles(schema);
  const cached = files === undefined ? undefined : fromCache(files);
  if (cached !== undefined) return { detailed: false, validate: cached };

  // Required lazily: it loads ajv.
  const { compileSchema, standaloneSource } = require('./compile-schema') as typeof import('./compile-schema');
  const validate = compileSchema(schema);
  if (files !== undefined) {
    let source: string | undefined;
    try {
      source = standaloneSource(validate);
    } catch {
      // Code ajv cannot write out standalone: this schema stays uncached.
    }
    if (source !== undefined) writeCacheFile(files.codeFile, source);
  }
  return { detailed: true, validate };
}

function fromCache(files: ValidatorScriptFiles): CachedValidate | undefined {
  const code = readCacheFile(files.codeFile);
  if (code === undefined) return undefined;
  try {
    return runValidatorScript(code.toString('utf8'), files);
  } catch {
    // Code that no longer runs (say, it requires a helper this ajv lacks): compile afresh.
    return undefined;
  }
}

function cacheFiles(schema: JsonSchema): ValidatorScriptFiles | undefined {
  const dir = stratusCacheDir();
  const key = dir === undefined ? undefined : validatorCacheKey(schema);
  if (key === undefined) return undefined;
  const base = join(dir!, 'schema-validators', key);
  // V8 rejects code caches of another version; naming them per version keeps Node versions
  // that share the cache from overwriting each other's.
  return { codeFile: `${base}.js`, codeCacheFile: `${base}.v8-${process.versions.v8}-${process.arch}.bin` };
}
