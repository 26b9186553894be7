/** Property paths: arrays of keys inside the configuration, shown to users as `a.b.0.c`. */
export type PropertyPath = ReadonlyArray<string | number>;

export function humanizePath(path: PropertyPath): string {
  return path.join('.');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The value at `path`, or undefined when any step is missing. Array steps may be numeric strings. */
export function getAtPath(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = root;
  for (const key of path) {
    if (Array.isArray(current)) current = current[Number(key)];
    // Own keys only: `${self:custom.toString}` must not find Object.prototype.toString.
    else if (current !== null && typeof current === 'object' && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[String(key)];
    } else return undefined;
  }
  return current;
}

/** `custom.a.b` → `['custom', 'a', 'b']`; an empty address is the root. */
export function splitDotPath(address: string): string[] {
  return address === '' ? [] : address.split('.');
}
