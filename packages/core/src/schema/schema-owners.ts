/**
 * Remembers which plugin handed us each schema fragment, without touching the fragment (ajv
 * strict mode rejects unknown keys). Used to name the culprit when the schema fails to compile.
 */
const owners = new WeakMap<object, string>();

export function recordFragmentOwner(fragment: unknown, owner: string): void {
  if (typeof fragment === 'object' && fragment !== null) owners.set(fragment, owner);
}

export function fragmentOwner(fragment: object): string | undefined {
  return owners.get(fragment);
}
