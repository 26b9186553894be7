import { ref, type JsonSchema } from './json-schema';

/**
 * CloudFormation intrinsic functions. Variables are resolved before validation, but `{ Ref }`
 * and `{ Fn::… }` objects stay: they are compiled into the template as written and can appear
 * wherever AWS accepts a value computed at deploy time.
 *
 * Each function is its own closed, single-key object, so a mistake inside one (`{ Ref: 5 }`) is
 * reported at that key, and an object that is no function at all is one "unsupported" problem.
 */

/** A value that may itself be computed: a string or any intrinsic function. */
const instruction = (): JsonSchema => ref('awsCfInstruction');
const anyValue = (): JsonSchema => ({});

/** `{ [name]: schema }` with nothing else beside it. */
function intrinsic(name: string, schema: JsonSchema): JsonSchema {
  return { type: 'object', properties: { [name]: schema }, required: [name], additionalProperties: false };
}

/**
 * An array of exactly these items (a fixed-length argument list): draft-07's tuple form of
 * `items`, which the core's `JsonSchema` type does not spell out.
 */
function argumentList(items: JsonSchema[], minItems = items.length): JsonSchema {
  return { type: 'array', items: items as unknown as JsonSchema, minItems, maxItems: items.length };
}

const listOrFunction = (): JsonSchema => ({ anyOf: [{ type: 'array' }, ref('awsCfFunction')] });

/** The intrinsic functions, one definition each, named `awsCf<Function>`. */
export const intrinsicDefinitions: Record<string, JsonSchema> = {
  awsCfRef: intrinsic('Ref', { type: 'string', minLength: 1 }),
  awsCfGetAtt: intrinsic('Fn::GetAtt', {
    anyOf: [
      { type: 'string', pattern: '^[A-Za-z0-9]+\\.' },
      argumentList([{ type: 'string', minLength: 1 }, instruction()]),
    ],
  }),
  awsCfJoin: intrinsic('Fn::Join', argumentList([{ type: 'string' }, listOrFunction()])),
  awsCfSub: intrinsic('Fn::Sub', {
    anyOf: [{ type: 'string' }, argumentList([{ type: 'string' }, { type: 'object' }], 1)],
  }),
  awsCfImportValue: intrinsic('Fn::ImportValue', instruction()),
  awsCfIf: intrinsic('Fn::If', argumentList([{ type: 'string', minLength: 1 }, anyValue(), anyValue()])),
  awsCfSelect: intrinsic('Fn::Select', argumentList([{ anyOf: [{ type: 'integer', minimum: 0 }, ref('awsCfFunction')] }, listOrFunction()])),
  awsCfSplit: intrinsic('Fn::Split', argumentList([{ type: 'string' }, instruction()])),
  awsCfFindInMap: intrinsic('Fn::FindInMap', argumentList([instruction(), instruction(), instruction(), { type: 'object' }], 3)),
  awsCfBase64: intrinsic('Fn::Base64', instruction()),
  awsCfGetAZs: intrinsic('Fn::GetAZs', instruction()),
  awsCfCidr: intrinsic('Fn::Cidr', argumentList([instruction(), anyValue(), anyValue()])),
  awsCfLength: intrinsic('Fn::Length', anyValue()),
  awsCfToJsonString: intrinsic('Fn::ToJsonString', anyValue()),
};

export const INTRINSIC_DEFINITION_NAMES = Object.keys(intrinsicDefinitions);

/**
 * `anyOf: [...branches, <each intrinsic>]`: a value of one of these forms, or any intrinsic.
 *
 * Shared definitions whose root is an `anyOf` use this instead of a `$ref` to `awsCfFunction`.
 * The core compiles `$ref`s as separate units (`inlineRefs: false`), so every such root `anyOf`
 * reports the schema path `#/anyOf`; nested directly in one another at the same value, the core's
 * branch filter attributes the outer `anyOf`'s errors to the inner one and can drop every
 * problem. A flat list of branches, each an object-rooted intrinsic, keeps one `anyOf` per value.
 */
export function orIntrinsic(...branches: JsonSchema[]): JsonSchema {
  return { anyOf: [...branches, ...INTRINSIC_DEFINITION_NAMES.map(ref)] };
}

export const intrinsicGroupDefinitions: Record<string, JsonSchema> = {
  /** Any intrinsic function. */
  awsCfFunction: orIntrinsic(),
  /** A string, or a value CloudFormation computes (numbers and booleans are coerced to strings, as v3 does). */
  awsCfInstruction: orIntrinsic({ type: 'string' }),
};
