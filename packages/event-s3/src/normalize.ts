import { s3InvalidDefinition, type EventLocation } from './errors';
import { DEFAULT_S3_EVENT } from './schema';

/** A CloudFormation intrinsic function (`{ Ref }`, `{ Fn::… }`), kept as written. */
export type Intrinsic = Record<string, unknown>;

/** One object-key filter: the key must start with (`prefix`) or end with (`suffix`) the value. */
export interface S3Rule {
  type: 'prefix' | 'suffix';
  value: string | Intrinsic;
}

/**
 * One `s3` event in a single shape, whichever form it was written in. Provider-neutral: which
 * bucket, which S3 event, which keys; the AWS compiler and the offline plugin both read this.
 */
export interface S3Event {
  /** As written: a bucket name, a key of `provider.s3`, or (existing buckets only) an intrinsic. */
  bucket: string | Intrinsic;
  /** The S3 event type, `s3:ObjectCreated:*` unless written. */
  event: string;
  /** Key filters, in the order written (empty: every key). */
  rules: S3Rule[];
  /** The bucket exists outside this stack (only its notifications are configured). */
  existing: boolean;
  /** Reconfigure an existing bucket's notifications on every deploy. */
  forceDeploy: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a value is a CloudFormation intrinsic function (`{ Ref }` or `{ Fn::… }`). */
export function isIntrinsic(value: unknown): value is Intrinsic {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] as string).startsWith('Fn::'));
}

function ruleOf(rule: unknown, position: number, where: EventLocation | undefined): S3Rule {
  const keys = isRecord(rule) ? Object.keys(rule) : [];
  const type = keys[0];
  if (keys.length !== 1 || (type !== 'prefix' && type !== 'suffix')) {
    throw s3InvalidDefinition(where, `rules[${position}] must be { prefix: … } or { suffix: … } (one key each), not ${JSON.stringify(rule)}`);
  }
  const value = (rule as Record<string, unknown>)[type];
  if (typeof value !== 'string' && !isIntrinsic(value)) throw s3InvalidDefinition(where, `rules[${position}].${type} must be a string`);
  return { type, value };
}

/** `s3: <bucket>` and `s3: { bucket, event, rules, existing, forceDeploy }` → one `S3Event`. */
export function normalizeS3Event(definition: unknown, where?: EventLocation): S3Event {
  if (typeof definition === 'string') {
    if (definition.length === 0) throw s3InvalidDefinition(where, 'the bucket name is empty');
    return { bucket: definition, event: DEFAULT_S3_EVENT, rules: [], existing: false, forceDeploy: false };
  }
  if (!isRecord(definition)) throw s3InvalidDefinition(where, `expected a bucket name or an object, got ${JSON.stringify(definition)}`);
  const { bucket } = definition;
  if (!(typeof bucket === 'string' && bucket.length > 0) && !isIntrinsic(bucket)) throw s3InvalidDefinition(where, '"bucket" must be a bucket name or a CloudFormation function');
  const event = definition.event ?? DEFAULT_S3_EVENT;
  if (typeof event !== 'string' || !event.startsWith('s3:')) throw s3InvalidDefinition(where, `"event" must be an S3 event type such as ${DEFAULT_S3_EVENT}, not ${JSON.stringify(event)}`);
  const rules = definition.rules ?? [];
  if (!Array.isArray(rules)) throw s3InvalidDefinition(where, '"rules" must be a list');
  for (const flag of ['existing', 'forceDeploy']) {
    if (definition[flag] !== undefined && typeof definition[flag] !== 'boolean') throw s3InvalidDefinition(where, `"${flag}" must be true or false`);
  }
  return {
    bucket,
    event,
    rules: rules.map((rule, position) => ruleOf(rule, position, where)),
    existing: definition.existing === true,
    forceDeploy: definition.forceDeploy === true,
  };
}
