import { createHash } from 'node:crypto';

/** JSON.stringify with object keys deep-sorted by `localeCompare`, as v3 hashes function properties. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort((a, b) => a.localeCompare(b))
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/**
 * The hash in a Lambda Version's logical id (v3's rule): base64 SHA-256 over the zip's base64
 * SHA-256, each local layer's, and the function's properties minus `Code`, `Tags` and
 * `ReservedConcurrentExecutions`, plus `layerConfigurations`. A code or configuration change gives
 * a new id, so CloudFormation publishes a new version; an unchanged function keeps its id.
 */
export function lambdaVersionHash(input: {
  codeSha256: string;
  layerCodeSha256s?: string[];
  functionProperties: Record<string, unknown>;
  layerConfigurations?: unknown[];
}): string {
  const { Code: _code, Tags: _tags, ReservedConcurrentExecutions: _reserved, ...hashed } = input.functionProperties;
  const hash = createHash('sha256');
  hash.update(input.codeSha256);
  for (const layer of input.layerCodeSha256s ?? []) hash.update(layer);
  hash.update(stableStringify({ ...hashed, layerConfigurations: input.layerConfigurations ?? [] }));
  return hash.digest('base64');
}
