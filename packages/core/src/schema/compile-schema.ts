import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { StratusError } from '../errors/stratus-error';
import type { JsonSchema } from './json-schema';
import { regexpKeyword } from './regexp-keyword';
import { fragmentOwner } from './schema-owners';

/** v3's validation settings. `verbose` gives each error its schema and data, for our messages. */
function createAjv(): Ajv {
  // Required lazily: ajv costs ~30 ms to load, which commands that never validate should not pay.
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const ajv = new AjvClass({
    allErrors: true,
    coerceTypes: 'array',
    verbose: true,
    // Strict about the schema itself (unknown keywords, bad numbers) so an invalid plugin schema
    // fails loudly, but not about type annotations many plugin schemas omit.
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    // No format library is bundled (v3 had none either): `format` is an annotation, not a check.
    validateFormats: false,
    logger: false,
    // Compile time dominates start-up (the generated code runs to hundreds of KB for a provider
    // schema). Measured on a synthetic AWS-sized schema: 416 ms with ajv's defaults, 150 ms
    // without inlining `$ref`s and without the code optimiser; validation itself stays ~4 ms.
    inlineRefs: false,
    code: { optimize: false },
  });
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
