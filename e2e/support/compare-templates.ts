/**
 * Compares a compiled CloudFormation template with the one Serverless v3 produced, after masking
 * the values that differ between two v3 runs (shared/corpus/README.md, "Normalisation").
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function normaliseTemplate(template: unknown): Json {
  const text = JSON.stringify(template)
    .replace(/\d{13}-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<ARTIFACT-DIR>')
    .replace(/LambdaVersion[0-9A-Za-z]+/g, 'LambdaVersion<HASH>')
    .replace(/ApiGatewayDeployment\d+/g, 'ApiGatewayDeployment<ID>');
  const parsed = JSON.parse(text) as { Resources?: Record<string, { Type?: string; Properties?: Record<string, Json> }> };
  for (const resource of Object.values(parsed.Resources ?? {})) {
    if (resource.Type === 'AWS::Lambda::Version' && resource.Properties?.CodeSha256 !== undefined) resource.Properties.CodeSha256 = '<SHA>';
  }
  return parsed as Json;
}

function describe(value: Json | undefined): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function diff(actual: Json | undefined, expected: Json | undefined, path: string, out: string[], unordered: boolean): void {
  if (unordered && Array.isArray(actual) && Array.isArray(expected)) {
    const sortedActual = [...actual].map((item) => JSON.stringify(item)).sort();
    const sortedExpected = [...expected].map((item) => JSON.stringify(item)).sort();
    if (JSON.stringify(sortedActual) !== JSON.stringify(sortedExpected)) out.push(`${path}: got ${describe(actual)}, v3 has ${describe(expected)}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) out.push(`${path}: got ${actual.length} items ${describe(actual)}, v3 has ${expected.length} ${describe(expected)}`);
    else actual.forEach((item, index) => diff(item, expected[index], `${path}[${index}]`, out, false));
    return;
  }
  const isObject = (value: unknown): value is Record<string, Json> => !!value && typeof value === 'object' && !Array.isArray(value);
  if (isObject(actual) && isObject(expected)) {
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
      diff(actual[key], expected[key], `${path}.${key}`, out, key === 'DependsOn');
    }
    return;
  }
  if (JSON.stringify(actual) !== JSON.stringify(expected)) out.push(`${path}: got ${describe(actual)}, v3 has ${describe(expected)}`);
}

/** A difference Stratus makes on purpose, with the reason (shown in the test). */
export interface AllowedDifference {
  path: RegExp;
  reason: string;
}

/** Differences, most useful first: missing/extra resources, wrong types, then bodies and the rest. */
export function compareTemplates(actualTemplate: unknown, expectedTemplate: unknown, allowed: readonly AllowedDifference[] = []): string[] {
  return rawDifferences(actualTemplate, expectedTemplate).filter((difference) => !allowed.some((rule) => rule.path.test(difference.split(':')[0] ?? '')));
}

function rawDifferences(actualTemplate: unknown, expectedTemplate: unknown): string[] {
  const actual = normaliseTemplate(actualTemplate) as Record<string, Json>;
  const expected = normaliseTemplate(expectedTemplate) as Record<string, Json>;
  const actualResources = (actual.Resources ?? {}) as Record<string, Record<string, Json>>;
  const expectedResources = (expected.Resources ?? {}) as Record<string, Record<string, Json>>;
  const out: string[] = [];
  for (const id of Object.keys(expectedResources)) if (!(id in actualResources)) out.push(`missing resource ${id} (${String(expectedResources[id]?.Type)})`);
  for (const id of Object.keys(actualResources)) if (!(id in expectedResources)) out.push(`extra resource ${id} (${String(actualResources[id]?.Type)})`);
  if (out.length > 0) return out;
  for (const id of Object.keys(expectedResources)) {
    if (actualResources[id]?.Type !== expectedResources[id]?.Type) out.push(`Resources.${id}.Type: got ${String(actualResources[id]?.Type)}, v3 has ${String(expectedResources[id]?.Type)}`);
  }
  if (out.length > 0) return out;
  diff(actual, expected, '', out, false);
  return out;
}
