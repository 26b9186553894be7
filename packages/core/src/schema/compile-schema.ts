import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { StratusError } from '../errors/stratus-error';
import { AJV_OPTIONS } from './ajv-options';
import type { JsonSchema } from './json-schema';
import { fragmentOwner } from './schema-owners';

function createAjv(): Ajv {
  // Required lazily: ajv costs ~30 ms to load, which runs that never compile (no validation, or a
  // validator from the cache) should not pay. The keyword module imports ajv too.
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const { regexpKeyword } = require('./regexp-keyword') as typeof import('./regexp-keyword');
  const ajv = new AjvClass(AJV_OPTIONS);
  ajv.addKeyword(regexpKeyword);
  return ajv;
}

let sharedAjv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The validator for `schema`, compiled once per schema object: the CLI validates once per run,
 * tests and `print` may validate again. The schema must not be changed after the first call.
 */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  sharedAjv ??= createAjv();
  let validate: ValidateFunction;
  try {
    validate = sharedAjv.compile(schema);
  } catch (error) {
    throw invalidSchemaError(schema, error);
  }
  compiled.set(schema, validate);
  return validate;
}

/**
 * `validate` (compiled by `compileSchema`) as the source of a CommonJS module, for the validator
 * cache. Its `require`s name `ajv/dist/runtime/*` helpers (see `ajv-runtime.ts`).
 */
export function standaloneSource(validate: ValidateFunction): string {
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  return standaloneCode(sharedAjv!, validate);
}

function invalidSchemaError(schema: JsonSchema, error: unknown): StratusError {
  const message = error instanceof Error ? error.message : String(error);
  const owner = findCulprit(schema, message);
  return new StratusError(
    'SCHEMA_INVALID',
    `The configuration schema is invalid${owner ? ` (a fragment defined by "${owner}")` : ''}: ${message}`,
    {
      hint: owner
        ? `"${owner}" registered a JSON schema that ajv (strict mode) rejects. Update the plugin, or report it to its author.`
        : 'A plugin registered a JSON schema that ajv (strict mode) rejects. Remove plugins one by one to find it, and report it to its author.',
      cause: error,
    },
  );
}

/**
 * Which plugin's fragment breaks the schema: the one that, compiled on its own, fails with the
 * same message. Only runs on the error path; fragments that reference `#/definitions` fail
 * differently on their own and are simply not blamed.
 */
function findCulprit(schema: JsonSchema, message: string): string | undefined {
  const probe = createAjv();
  const seen = new Set<object>();
  const owned: Array<{ fragment: object; owner: string }> = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const owner = fragmentOwner(value);
    if (owner !== undefined) owned.push({ fragment: value, owner });
    for (const child of Object.values(value)) visit(child);
  };
  visit(schema);
  // Innermost first: the smallest fragment that fails is the most precise answer.
  for (const { fragment, owner } of owned.reverse()) {
    try {
      probe.compile(fragment);
    } catch (error) {
      if (error instanceof Error && error.message === message) return owner;
    }
  }
  return undefined;
}
