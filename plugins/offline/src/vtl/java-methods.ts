/**
 * The Java `String`/`Map`/`List` methods API Gateway templates call that velocityjs lacks or
 * gives JavaScript meanings to: `replaceAll` takes a regular expression in Java (v3's default
 * template relies on it), `matches` is a whole-string match, `isEmpty`/`containsKey` do not exist.
 */

/** Java regular expressions, as far as JavaScript's agree with them. */
const javaRegExp = (pattern: unknown, flags = ''): RegExp => new RegExp(String(pattern), flags);

const STRING_METHODS: Record<string, (target: string, ...args: unknown[]) => unknown> = {
  contains: (target, part) => target.includes(String(part)),
  equals: (target, other) => target === other,
  equalsIgnoreCase: (target, other) => typeof other === 'string' && target.toLowerCase() === other.toLowerCase(),
  isEmpty: (target) => target.length === 0,
  length: (target) => target.length,
  matches: (target, pattern) => javaRegExp(`^(?:${String(pattern)})$`).test(target),
  replaceAll: (target, pattern, replacement) => target.replace(javaRegExp(pattern, 'g'), String(replacement)),
  replaceFirst: (target, pattern, replacement) => target.replace(javaRegExp(pattern), String(replacement)),
};

const COLLECTION_METHODS: Record<string, (target: object, ...args: unknown[]) => unknown> = {
  isEmpty: (target) => (Array.isArray(target) ? target.length === 0 : Object.keys(target).length === 0),
  containsKey: (target, key) => Object.hasOwn(target, String(key)),
  contains: (target, value) => Array.isArray(target) && target.includes(value),
};

/** The call of `property` on `target` when it is one of the methods above. */
function javaCall(target: unknown, property: string): ((args: unknown[]) => unknown) | undefined {
  if (typeof target === 'string') {
    const method = Object.hasOwn(STRING_METHODS, property) ? STRING_METHODS[property] : undefined;
    return method && ((args) => method(target, ...args));
  }
  // An object's own member of that name wins (a map with a key "isEmpty").
  if (typeof target === 'object' && target !== null && !(property in target)) {
    const method = Object.hasOwn(COLLECTION_METHODS, property) ? COLLECTION_METHODS[property] : undefined;
    return method && ((args) => method(target, ...args));
  }
  return undefined;
}

/** velocityjs `customMethodHandlers` for the methods above. */
export const javaMethodHandlers = [
  {
    uid: 'api-gateway-java-methods',
    match: ({ property, context }: { property: string; context: unknown }): boolean => javaCall(context, property) !== undefined,
    resolve: ({ property, context, params }: { property: string; context: unknown; params: unknown[] }): unknown => javaCall(context, property)?.(params),
  },
];
