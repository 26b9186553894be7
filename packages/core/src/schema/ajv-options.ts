import type { Options } from 'ajv';

/**
 * v3's validation settings, as plain data: the validator cache hashes them into its key without
 * loading ajv. `verbose` gives each error its schema and data, for our messages.
 */
export const AJV_OPTIONS = {
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
  // `source` keeps the generated code, so `ajv/dist/standalone` can write it to the cache.
  code: { optimize: false, source: true },
} as const satisfies Options;
