/**
 * Strings the resolver wrote that still look like variables: `\${self:x}` becomes the literal
 * `${self:x}`, and a value copied from such a property keeps it. `resolveVariables` runs several
 * times over the same configuration (one call per phase); without this record a later call would
 * resolve what the user escaped. Keyed by the containing object, so it lives as long as the config.
 */
type Container = object;

const literals = new WeakMap<Container, Map<string | number, string>>();

export function markLiteral(container: Container, key: string | number, value: string): void {
  let keys = literals.get(container);
  if (keys === undefined) {
    keys = new Map();
    literals.set(container, keys);
  }
  keys.set(key, value);
}

/** True while the value at `container[key]` is still the literal we wrote (a plugin may replace it). */
export function isLiteral(container: Container, key: string | number, value: string): boolean {
  return literals.get(container)?.get(key) === value;
}
