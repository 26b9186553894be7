import { snsInvalidDefinition, snsInvalidRedrivePolicy, snsMissingTopicName, type EventLocation } from './errors';

/** A CloudFormation intrinsic function (`{ Ref }`, `{ Fn::… }`), kept as written. */
export type Intrinsic = Record<string, unknown>;

/** Where failed deliveries go: an SQS queue by ARN, by logical id in `resources`, or by exported names. */
export type SnsRedrivePolicy =
  | { deadLetterTargetArn: string }
  | { deadLetterTargetRef: string }
  | { deadLetterTargetImport: { arn: string; url: string } };

/**
 * One `sns` event in a single shape, whichever form it was written in. Provider-neutral: which
 * topic, and how the subscription filters and retries; the AWS compiler and the offline plugin both read this.
 */
export interface SnsEvent {
  /** The topic's name: as written, or the last segment of a string ARN. Logical ids are named after it. */
  topicName: string;
  /** An existing topic's ARN (a string or an intrinsic). Absent when the stack creates the topic. */
  arn?: string | Intrinsic;
  /** `sns: <name>` (created topic), `sns: arn:…` (existing topic) or the object form. */
  form: 'name' | 'arn' | 'object';
  /** Created topics only. */
  displayName?: string;
  /** Created topics only: the KMS key that encrypts the topic. */
  kmsMasterKeyId?: unknown;
  filterPolicy?: Record<string, unknown>;
  filterPolicyScope?: string;
  redrivePolicy?: SnsRedrivePolicy;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a value is a CloudFormation intrinsic function (`{ Ref }` or `{ Fn::… }`). */
export function isIntrinsic(value: unknown): value is Intrinsic {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] as string).startsWith('Fn::'));
}

/** The parts of an ARN string: `arn:partition:service:region:account:resource`. */
export function parseArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } {
  const [, partition = '', service = '', region = '', account = '', ...rest] = arn.split(':');
  return { partition, service, region, account, resource: rest.join(':') };
}

/** A topic ARN's last segment: its name. */
export function topicNameFromArn(arn: string): string {
  const segments = arn.split(':');
  return segments[segments.length - 1] as string;
}

function redrivePolicyOf(value: unknown, where: EventLocation | undefined): SnsRedrivePolicy {
  if (!isRecord(value)) throw snsInvalidRedrivePolicy(where, 'must be an object');
  const given = ['deadLetterTargetArn', 'deadLetterTargetRef', 'deadLetterTargetImport'].filter((key) => value[key] !== undefined);
  if (given.length !== 1) throw snsInvalidRedrivePolicy(where, given.length === 0 ? 'names no dead-letter queue' : `names ${given.join(' and ')}; only one is allowed`);
  if (typeof value.deadLetterTargetArn === 'string') return { deadLetterTargetArn: value.deadLetterTargetArn };
  if (typeof value.deadLetterTargetRef === 'string') return { deadLetterTargetRef: value.deadLetterTargetRef };
  const imported = value.deadLetterTargetImport;
  if (isRecord(imported) && typeof imported.arn === 'string' && typeof imported.url === 'string') return { deadLetterTargetImport: { arn: imported.arn, url: imported.url } };
  throw snsInvalidRedrivePolicy(where, `has an invalid ${given[0]}`);
}

/**
 * `sns: <name>`, `sns: arn:…` and `sns: { topicName, arn, … }` → one `SnsEvent`. With an ARN
 * that is an intrinsic, `topicName` is required (`SNS_MISSING_TOPIC_NAME`).
 */
export function normalizeSnsEvent(definition: unknown, where?: EventLocation): SnsEvent {
  if (typeof definition === 'string') {
    if (definition.length === 0) throw snsInvalidDefinition(where, 'the topic name is empty');
    if (definition.startsWith('arn:')) return { topicName: topicNameFromArn(definition), arn: definition, form: 'arn' };
    return { topicName: definition, form: 'name' };
  }
  if (!isRecord(definition)) throw snsInvalidDefinition(where, `expected a topic name, a topic ARN or an object, got ${JSON.stringify(definition)}`);
  const { arn, topicName } = definition;
  if (topicName !== undefined && (typeof topicName !== 'string' || topicName.length === 0)) throw snsInvalidDefinition(where, '"topicName" must be a non-empty string');
  let event: SnsEvent;
  if (arn !== undefined && arn !== null) {
    if (typeof arn === 'string') event = { topicName: topicName ?? topicNameFromArn(arn), arn, form: 'object' };
    else if (isIntrinsic(arn)) {
      if (topicName === undefined) throw snsMissingTopicName(where);
      event = { topicName, arn, form: 'object' };
    } else throw snsInvalidDefinition(where, '"arn" must be an ARN string or a CloudFormation function');
  } else {
    if (topicName === undefined) throw snsInvalidDefinition(where, 'the object form needs "topicName" or "arn"');
    event = { topicName, form: 'object' };
  }
  if (typeof definition.displayName === 'string') event.displayName = definition.displayName;
  if (definition.kmsMasterKeyId !== undefined && definition.kmsMasterKeyId !== null) event.kmsMasterKeyId = definition.kmsMasterKeyId;
  if (definition.filterPolicy !== undefined && definition.filterPolicy !== null) {
    if (!isRecord(definition.filterPolicy)) throw snsInvalidDefinition(where, '"filterPolicy" must be an object');
    event.filterPolicy = definition.filterPolicy;
  }
  if (typeof definition.filterPolicyScope === 'string') event.filterPolicyScope = definition.filterPolicyScope;
  if (definition.redrivePolicy !== undefined && definition.redrivePolicy !== null) event.redrivePolicy = redrivePolicyOf(definition.redrivePolicy, where);
  return event;
}
