import { StratusError } from '../errors/stratus-error';
import { didYouMean } from '../errors/suggest';
import {
  CORE_FUNCTION_KEYS,
  CORE_ROOT_KEYS,
  FUNCTION_NAME_PATTERN,
  createCoreSchema,
  stageSchema,
} from './core-schema';
import type { JsonSchema, SchemaPart } from './json-schema';
import { recordFragmentOwner } from './schema-owners';

/** What `defineProvider` takes (v3's shape). */
export interface ProviderSchemaDefinition {
  definitions?: Record<string, JsonSchema>;
  provider?: JsonSchema;
  function?: JsonSchema;
  functionEvents?: Record<string, JsonSchema>;
  resources?: JsonSchema;
  layers?: JsonSchema;
}

/** The v3 `configSchemaHandler` methods, bound to one owner (what each plugin gets). */
export interface SchemaDefiner {
  defineTopLevelProperty(name: string, schema: JsonSchema): void;
  defineCustomProperties(schemaPart: SchemaPart): void;
  defineFunctionEvent(providerName: string, eventName: string, schema: JsonSchema): void;
  defineFunctionEventProperties(providerName: string, eventName: string, schemaPart: SchemaPart): void;
  defineFunctionProperties(providerName: string, schemaPart: SchemaPart): void;
  defineProvider(name: string, definition?: ProviderSchemaDefinition): void;
}

export const CORE_OWNER = 'core';
/** Owner used when the handler's own methods are called instead of `forOwner(name)`'s. */
export const UNNAMED_OWNER = 'an unnamed plugin';

/** Core function keys the provider's own function schema may replace with a stricter one. */
const PROVIDER_REFINABLE_FUNCTION_KEYS: ReadonlySet<string> = new Set(['handler', 'name']);

/**
 * The configuration schema as plugins extend it. Every fragment is recorded with its owner, so
 * two plugins claiming the same key fail at start-up with both names (`SCHEMA_COLLISION`) instead
 * of one silently replacing the other. Provider-specific calls only apply when the provider name
 * matches the service's provider, as in v3.
 */
export class ConfigSchemaHandler implements SchemaDefiner {
  readonly providerName: string;
  private readonly root: JsonSchema = createCoreSchema();
  /** Claimed slots (`root:resources`, `event:http`, `function:memorySize`, …) → owner. */
  private readonly claims = new Map<string, string>();
  /** Event name → its `{ [eventName]: schema }` wrapper, in definition order. */
  private readonly events = new Map<string, JsonSchema>();
  private providerOwner: string | undefined;

  constructor(options: { providerName: string }) {
    this.providerName = options.providerName;
    for (const key of CORE_ROOT_KEYS) this.claims.set(`root:${key}`, CORE_OWNER);
    for (const key of CORE_FUNCTION_KEYS) this.claims.set(`function:${key}`, CORE_OWNER);
  }

  /** The live schema: what validation compiles. */
  get schema(): JsonSchema {
    return this.root;
  }

  /** False until the service's provider called `defineProvider` (provider/function keys are then unchecked). */
  get isProviderDefined(): boolean {
    return this.providerOwner !== undefined;
  }

  get functionEventNames(): string[] {
    return [...this.events.keys()];
  }

  forOwner(ownerName: string): SchemaDefiner {
    return {
      defineTopLevelProperty: (name, schema) => this.defineTopLevelPropertyAs(ownerName, name, schema),
      defineCustomProperties: (part) => this.defineCustomPropertiesAs(ownerName, part),
      defineFunctionEvent: (provider, event, schema) => this.defineFunctionEventAs(ownerName, provider, event, schema),
      defineFunctionEventProperties: (provider, event, part) => this.defineFunctionEventPropertiesAs(ownerName, provider, event, part),
      defineFunctionProperties: (provider, part) => this.defineFunctionPropertiesAs(ownerName, provider, part),
      defineProvider: (name, definition) => this.defineProviderAs(ownerName, name, definition),
    };
  }

  defineTopLevelProperty(name: string, schema: JsonSchema): void {
    this.defineTopLevelPropertyAs(UNNAMED_OWNER, name, schema);
  }

  defineCustomProperties(schemaPart: SchemaPart): void {
    this.defineCustomPropertiesAs(UNNAMED_OWNER, schemaPart);
  }

  defineFunctionEvent(providerName: string, eventName: string, schema: JsonSchema): void {
    this.defineFunctionEventAs(UNNAMED_OWNER, providerName, eventName, schema);
  }

  defineFunctionEventProperties(providerName: string, eventName: string, schemaPart: SchemaPart): void {
    this.defineFunctionEventPropertiesAs(UNNAMED_OWNER, providerName, eventName, schemaPart);
  }

  defineFunctionProperties(providerName: string, schemaPart: SchemaPart): void {
    this.defineFunctionPropertiesAs(UNNAMED_OWNER, providerName, schemaPart);
  }

  defineProvider(name: string, definition: ProviderSchemaDefinition = {}): void {
    this.defineProviderAs(UNNAMED_OWNER, name, definition);
  }

  private defineTopLevelPropertyAs(owner: string, name: string, schema: JsonSchema): void {
    this.claim(`root:${name}`, owner, `the top-level property '${name}'`);
    recordFragmentOwner(schema, owner);
    this.rootProperties()[name] = schema;
  }

  private defineCustomPropertiesAs(owner: string, part: SchemaPart): void {
    const custom = this.rootProperties().custom as JsonSchema;
    mergePart(custom, part, owner, (key) => this.claim(`custom:${key}`, owner, `the property 'custom.${key}'`));
  }

  private defineFunctionEventAs(owner: string, providerName: string, eventName: string, schema: JsonSchema): void {
    if (providerName !== this.providerName) return;
    this.claim(`event:${eventName}`, owner, `the function event '${eventName}'`);
    recordFragmentOwner(schema, owner);
    const wrapper: JsonSchema = {
      type: 'object',
      properties: { [eventName]: schema },
      required: [eventName],
      additionalProperties: false,
    };
    this.events.set(eventName, wrapper);
    this.functionSchema().properties!.events = { type: 'array', items: { anyOf: [...this.events.values()] } };
  }

  private defineFunctionEventPropertiesAs(owner: string, providerName: string, eventName: string, part: SchemaPart): void {
    if (providerName !== this.providerName) return;
    const wrapper = this.events.get(eventName);
    if (wrapper === undefined) {
      const known = this.functionEventNames;
      throw new StratusError(
        'SCHEMA_UNKNOWN_FUNCTION_EVENT',
        `${describeOwner(owner)} adds properties to the function event '${eventName}', which is not defined for provider "${providerName}". Known events: ${known.join(', ') || 'none'}.${didYouMean(eventName, known)}`,
        { hint: `If another plugin defines '${eventName}', list it before ${describeOwner(owner)} under "plugins"; otherwise check the event name.` },
      );
    }
    const eventSchema = extensibleBranch(wrapper.properties![eventName]!);
    if (eventSchema === undefined) {
      throw new StratusError(
        'SCHEMA_EVENT_NOT_EXTENSIBLE',
        `${describeOwner(owner)} adds properties to the function event '${eventName}', whose schema (by ${describeOwner(this.claims.get(`event:${eventName}`)!)}) has no object form to add them to.`,
        { hint: 'Only events configured as objects can be given extra properties.' },
      );
    }
    const eventOwner = this.claims.get(`event:${eventName}`)!;
    mergePart(eventSchema, part, owner, (key) => {
      const slot = `event:${eventName}:${key}`;
      // Properties the event was defined with belong to the event's owner.
      if (!this.claims.has(slot) && eventSchema.properties?.[key] !== undefined) this.claims.set(slot, eventOwner);
      this.claim(slot, owner, `the property '${key}' of the function event '${eventName}'`);
    });
  }

  private defineFunctionPropertiesAs(owner: string, providerName: string, part: SchemaPart): void {
    if (providerName !== this.providerName) return;
    mergePart(this.functionSchema(), part, owner, (key) => this.claim(`function:${key}`, owner, `the function property '${key}'`));
  }

  private defineProviderAs(owner: string, name: string, definition: ProviderSchemaDefinition = {}): void {
    if (name !== this.providerName) return;
    this.claim('provider', owner, `the schema of provider "${name}"`);
    this.providerOwner = owner;

    // Only one defineProvider can succeed, so definitions cannot collide.
    for (const [definitionName, schema] of Object.entries(definition.definitions ?? {})) {
      recordFragmentOwner(schema, owner);
      this.root.definitions![definitionName] = schema;
    }
    this.rootProperties().provider = this.providerSchema(name, definition.provider ?? {}, owner);
    this.applyProviderFunctionSchema(definition.function ?? {}, owner);
    for (const [eventName, schema] of Object.entries(definition.functionEvents ?? {})) {
      this.defineFunctionEventAs(owner, name, eventName, schema);
    }
    if (definition.resources) this.defineTopLevelPropertyAs(owner, 'resources', definition.resources);
    if (definition.layers) this.defineTopLevelPropertyAs(owner, 'layers', definition.layers);
  }

  /** The provider's own schema becomes `provider`, pinned to its name and closed (v3: additionalProperties false). */
  private providerSchema(name: string, schema: JsonSchema, owner: string): JsonSchema {
    recordFragmentOwner(schema, owner);
    const properties: Record<string, JsonSchema> = { stage: stageSchema(), ...schema.properties, name: { const: name } };
    return {
      ...schema,
      type: 'object',
      properties,
      required: unique(['name', ...(schema.required ?? [])]),
      additionalProperties: schema.additionalProperties ?? false,
    };
  }

  /** Merges the provider's function keys and closes the function schema. */
  private applyProviderFunctionSchema(schema: JsonSchema, owner: string): void {
    recordFragmentOwner(schema, owner);
    const fn = this.functionSchema();
    mergePart(fn, { properties: schema.properties ?? {}, required: schema.required ?? [] }, owner, (key) => {
      const slot = `function:${key}`;
      if (this.claims.get(slot) === CORE_OWNER && PROVIDER_REFINABLE_FUNCTION_KEYS.has(key)) {
        this.claims.set(slot, owner);
        return;
      }
      this.claim(slot, owner, `the function property '${key}'`);
    });
    fn.additionalProperties = schema.additionalProperties ?? false;
    // Whole-object rules (e.g. "handler or image") travel with the provider's function schema.
    for (const keyword of ['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', 'dependencies', 'dependentRequired'] as const) {
      const rule = (schema as Record<string, unknown>)[keyword];
      if (rule !== undefined) (fn as Record<string, unknown>)[keyword] = rule;
    }
  }

  private claim(slot: string, owner: string, description: string): void {
    const first = this.claims.get(slot);
    if (first !== undefined) {
      throw new StratusError(
        'SCHEMA_COLLISION',
        `${capitalize(description)} is defined twice: first by ${describeOwner(first)}, then by ${describeOwner(owner)}.`,
        { hint: 'Two plugins claim the same configuration key. Remove one of them, or ask the author of the later one to use a different name.' },
      );
    }
    this.claims.set(slot, owner);
  }

  private rootProperties(): Record<string, JsonSchema> {
    return this.root.properties!;
  }

  private functionSchema(): JsonSchema {
    return (this.rootProperties().functions as JsonSchema).patternProperties![FUNCTION_NAME_PATTERN]!;
  }
}

/** Adds `part.properties` (each key claimed first) and `part.required` to an object schema. */
function mergePart(target: JsonSchema, part: SchemaPart, owner: string, claimKey: (key: string) => void): void {
  const properties = (target.properties ??= {});
  for (const [key, schema] of Object.entries(part.properties ?? {})) {
    claimKey(key);
    recordFragmentOwner(schema, owner);
    properties[key] = schema;
  }
  if (part.required?.length) target.required = unique([...(target.required ?? []), ...part.required]);
}

/** The object form of an event schema: the schema itself, or the object branch of its `anyOf`. */
function extensibleBranch(schema: JsonSchema): JsonSchema | undefined {
  if (schema.type === 'object' || schema.properties !== undefined) return schema;
  return schema.anyOf?.find((branch) => branch.type === 'object' || branch.properties !== undefined);
}

function describeOwner(owner: string): string {
  return owner === CORE_OWNER ? 'Stratus core' : owner === UNNAMED_OWNER ? owner : `"${owner}"`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
