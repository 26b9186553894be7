/**
 * A JSON schema (draft-07) as plain data. Loose on purpose: plugins hand us arbitrary fragments,
 * and ajv is what checks them. The named keywords are the ones the schema handler edits.
 */
export interface JsonSchema {
  [keyword: string]: unknown;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
}

/** `properties` (and optionally `required`) to merge into an existing object schema. */
export interface SchemaPart {
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
