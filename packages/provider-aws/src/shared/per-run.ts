/**
 * One value per run, stored on the run's shared object (`api.service`) under a global symbol.
 * A module-level WeakMap would not do: a plugin that depends on its own copy of this package
 * (an event package installed in the service) must find the same hooks and clients as the
 * provider bundled with the CLI.
 */
export function perRun<T>(owner: object, name: string, create: () => T): T {
  const key = Symbol.for(`@stratus/provider-aws:${name}`);
  const record = owner as Record<symbol, T | undefined>;
  let value = record[key];
  if (value === undefined) {
    value = create();
    Object.defineProperty(owner, key, { value, enumerable: false, configurable: false, writable: false });
  }
  return value;
}
