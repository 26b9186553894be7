/**
 * Records the own entries of every object and array reachable from `root` and returns a function
 * that puts them back, in the same containers (callers and `hideNulls` hold references to them).
 * It undoes ajv's in-place coercion, which only ever assigns `parent[key]`.
 */
export function snapshotContainers(root: unknown): () => void {
  const saved = new Map<object, Array<[string, unknown]>>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || saved.has(value)) return;
    const container = value as Record<string, unknown>;
    const entries = Object.keys(container).map((key): [string, unknown] => [key, container[key]]);
    saved.set(value, entries);
    for (const [, child] of entries) visit(child);
  };
  visit(root);

  return () => {
    for (const [value, entries] of saved) {
      const container = value as Record<string, unknown>;
      const keys = new Set(entries.map(([key]) => key));
      for (const key of Object.keys(container)) if (!keys.has(key)) delete container[key];
      // Only what changed: a frozen object ajv could not coerce stays untouched here too.
      for (const [key, child] of entries) if (container[key] !== child) container[key] = child;
    }
  };
}
