const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * lodash `merge` semantics, which v3 uses to merge `resources` into the template: plain objects
 * merge key by key, arrays merge index by index, `undefined` never overwrites.
 */
export function deepMerge(target: Record<string, unknown> | unknown[], source: Record<string, unknown> | unknown[]): void {
  const targetRecord = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = targetRecord[key];
    if ((isPlainObject(value) && isPlainObject(current)) || (Array.isArray(value) && Array.isArray(current))) {
      deepMerge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      deepMerge(copy, value);
      targetRecord[key] = copy;
    } else if (Array.isArray(value)) {
      const copy: unknown[] = [];
      deepMerge(copy, value);
      targetRecord[key] = copy;
    } else {
      targetRecord[key] = value;
    }
  }
}
