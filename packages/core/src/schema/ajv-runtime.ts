/**
 * The `require` handed to cached validator code. ajv's standalone code loads small runtime helpers
 * by package path (`require("ajv/dist/runtime/equal").default`); the cache directory lives outside
 * any node_modules, so those paths are resolved here instead: static requires that resolve from
 * this package and that a bundler can follow. Loaded on first use; none of them loads ajv itself.
 */
const RUNTIME_HELPERS: Readonly<Record<string, () => unknown>> = {
  'ajv/dist/runtime/equal': () => require('ajv/dist/runtime/equal'),
  'ajv/dist/runtime/ucs2length': () => require('ajv/dist/runtime/ucs2length'),
  'ajv/dist/runtime/uri': () => require('ajv/dist/runtime/uri'),
  'ajv/dist/runtime/timestamp': () => require('ajv/dist/runtime/timestamp'),
  'ajv/dist/runtime/validation_error': () => require('ajv/dist/runtime/validation_error'),
};

export function requireAjvRuntime(id: string): unknown {
  const load = RUNTIME_HELPERS[id];
  // A helper a newer ajv added: the caller treats the cached code as unusable and compiles instead.
  if (load === undefined) throw new Error(`Cached validator requires an unknown module "${id}"`);
  return load();
}
