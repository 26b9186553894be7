/**
 * The JSONPath subset API Gateway templates and EventBridge input paths mostly use: `$`, `$.a.b`,
 * `$.a[0]`, `$['detail-type']`. Anything else (filters, wildcards, `..`) is `{ ok: false }`: EventBridge
 * callers report it, and API Gateway's callers go on to the full JSONPath (`vtl/json-path-query.ts`).
 * Hand-written because it is on the request path.
 */

export type PathSelection = { ok: true; value: unknown } | { ok: false };

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[['"]([^'"]+)['"]\])/;

/**
 * One step down: a name reads an object's own member, an index an array's element (as JSONPath
 * does: `.length` of an array or `.constructor` of an object is nothing, not JavaScript's value).
 */
export function childOf(value: unknown, key: string | number): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return typeof key === 'number' ? value[key < 0 ? value.length + key : key] : undefined;
  return typeof key === 'string' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** The value at `path` in `value` (undefined when a step is missing). */
export function selectPath(value: unknown, path: string): PathSelection {
  if (!path.startsWith('$')) return { ok: false };
  let current = value;
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) return { ok: false };
    current = childOf(current, match[1] ?? match[3] ?? Number(match[2]));
    rest = rest.slice(match[0].length);
  }
  return { ok: true, value: current };
}
