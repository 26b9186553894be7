import type { JsonSchema } from '@stratus/core';

export type { JsonSchema };

/** A `$ref` to one of the provider's shared definitions (`#/definitions/<name>`). */
export function ref(definition: string): JsonSchema {
  return { $ref: `#/definitions/${definition}` };
}

/** An object with exactly these properties (v3 closes nearly every AWS object). */
export function closedObject(properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', properties, additionalProperties: false, ...extra };
}

export function stringArray(extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', items: { type: 'string' }, ...extra };
}

/** `true`/`false`, or the object form for settings that can simply be switched on. */
export function booleanOr(objectSchema: JsonSchema): JsonSchema {
  return { anyOf: [{ type: 'boolean' }, objectSchema] };
}

/**
 * "When `absent` is missing, `present` is required": reads as `must have required property
 * '<present>'` at the object, which an `anyOf` of two `required` lists cannot say (the core
 * reports such an `anyOf` as "unsupported configuration format").
 */
export function requiredUnless(present: string, absent: string): JsonSchema {
  return { if: { not: { required: [absent] } }, then: { required: [present] } };
}

/** CORS settings as HTTP APIs and function URLs take them (`cors: true` or the object). */
export function corsSettings(): JsonSchema {
  return booleanOr(
    closedObject({
      allowCredentials: { type: 'boolean' },
      allowedHeaders: stringArray(),
      allowedMethods: stringArray(),
      allowedOrigins: stringArray(),
      exposedResponseHeaders: stringArray(),
      maxAge: { type: 'integer', minimum: 0 },
    }),
  );
}
