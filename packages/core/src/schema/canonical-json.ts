/**
 * The schema as text for the validator cache key, or undefined when it holds something JSON cannot
 * say (functions, class instances, NaN, cycles…): such a schema is compiled in memory, uncached.
 *
 * Keys keep their order rather than being sorted: ajv applies `properties` and `patternProperties`
 * in key order, and that order decides which coercion wins, so schemas differing only in order
 * must not share a validator. `undefined` values, which JSON drops, are listed by path after the
 * JSON: ajv strict mode rejects an unknown keyword even when its value is undefined, so
 * `{ x: undefined }` is not `{}`. A walk plus native `JSON.stringify` is ~10x faster than
 * writing the text by hand, and this runs on every start.
 */
export function canonicalJson(value: unknown): string | undefined {
  const undefinedAt: Array<Array<string | number>> = [];
  if (!isJsonLike(value, [], new Set(), undefinedAt)) return undefined;
  const json = JSON.stringify(value);
  return undefinedAt.length === 0 ? json : `${json}\nundefined at ${JSON.stringify(undefinedAt)}`;
}

function isJsonLike(value: unknown, path: Array<string | number>, ancestors: Set<object>, undefinedAt: Array<Array<string | number>>): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'undefined':
      undefinedAt.push([...path]);
      return true;
    case 'object':
      return value === null || isJsonContainer(value, path, ancestors, undefinedAt);
    default:
      return false;
  }
}

function isJsonContainer(value: object, path: Array<string | number>, ancestors: Set<object>, undefinedAt: Array<Array<string | number>>): boolean {
  if (ancestors.has(value)) return false;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return false;
  ancestors.add(value);
  // Arrays by index, so a hole (written as null) is told apart from null.
  const keys: Array<string | number> = isArray ? Array.from(value, (_, index) => index) : Object.keys(value);
  for (const key of keys) {
    path.push(key);
    const ok = isJsonLike((value as Record<string | number, unknown>)[key], path, ancestors, undefinedAt);
    path.pop();
    if (!ok) return false;
  }
  ancestors.delete(value);
  return true;
}

/** Object literals, from any realm (a plugin may build its schema in a vm context). */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
