/**
 * Removes every `null`-valued property (v3 ignores nulls during validation: `key:` with no value
 * is common in YAML) and returns a function that puts them back where they were, keeping the key
 * order so `print` output does not change.
 */
export function hideNulls(root: unknown): () => void {
  const changed: Array<{ object: Record<string, unknown>; keys: string[]; nullKeys: string[] }> = [];
  const seen = new Set<object>();

  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    const nullKeys = keys.filter((key) => object[key] === null);
    for (const key of keys) if (object[key] !== null) visit(object[key]);
    if (nullKeys.length === 0) return;
    changed.push({ object, keys, nullKeys });
    for (const key of nullKeys) delete object[key];
  };
  visit(root);

  return () => {
    for (const { object, keys, nullKeys } of changed) {
      for (const key of nullKeys) object[key] = null;
      reorder(object, keys);
    }
  };
}

function reorder(object: Record<string, unknown>, order: string[]): void {
  const entries = [...order, ...Object.keys(object).filter((key) => !order.includes(key))].map((key) => [key, object[key]] as const);
  for (const [key] of entries) delete object[key];
  for (const [key, value] of entries) object[key] = value;
}
