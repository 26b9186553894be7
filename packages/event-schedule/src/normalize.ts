import { scheduleInvalidDefinition, scheduleInvalidExpression, scheduleInvalidInputBody, type EventLocation } from './errors';
import { isScheduleExpression } from './schema';

/** A schedule expression as written, or a CloudFormation intrinsic that yields one (`{ "Fn::If": … }`). */
export type ScheduleExpression = string | Record<string, unknown>;

export type ScheduleMethod = 'eventBus' | 'scheduler';

export interface ScheduleInputTransformer {
  inputTemplate: string;
  inputPathsMap?: Record<string, unknown>;
}

/**
 * One `schedule` event in a single shape, whichever form it was written in. Provider-neutral: what
 * runs when, and with which input; the AWS compiler and the offline plugin both read this.
 */
export interface ScheduleEvent {
  /** One or more expressions (`rate(…)`/`cron(…)`); each one is its own schedule. */
  expressions: ScheduleExpression[];
  /** false when written `enabled: false`. */
  enabled: boolean;
  name?: string;
  description?: string;
  /** As written: a string is passed as is, an object is serialised (see `serializeScheduleInput`). */
  input?: string | Record<string, unknown>;
  inputPath?: string;
  inputTransformer?: ScheduleInputTransformer;
  /** `eventBus` (EventBridge rule, the default) or `scheduler` (EventBridge Scheduler). */
  method: ScheduleMethod;
  /** IANA time zone (scheduler only). */
  timezone?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a value is a CloudFormation intrinsic function (`{ Ref }` or `{ Fn::… }`). */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] as string).startsWith('Fn::'));
}

function expressionOf(value: unknown, where: EventLocation | undefined): ScheduleExpression {
  if (typeof value === 'string') {
    if (!isScheduleExpression(value)) throw scheduleInvalidExpression(where, value);
    return value;
  }
  if (isIntrinsic(value)) return value;
  throw scheduleInvalidDefinition(where, `each rate must be a rate(…)/cron(…) string or an intrinsic function, not ${JSON.stringify(value)}`);
}

const optionalString = (settings: Record<string, unknown>, key: string, where: EventLocation | undefined): string | undefined => {
  const value = settings[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw scheduleInvalidDefinition(where, `"${key}" must be a string`);
  return value;
};

/**
 * `schedule: rate(10 minutes)` and `schedule: { rate: …, … }` → one `ScheduleEvent`.
 * A scalar `rate` is treated as a one-item list, as v3's validator coerces it.
 */
export function normalizeScheduleEvent(definition: unknown, where?: EventLocation): ScheduleEvent {
  if (typeof definition === 'string') return { expressions: [expressionOf(definition, where)], enabled: true, method: 'eventBus' };
  if (!isRecord(definition)) throw scheduleInvalidDefinition(where, `expected an expression or an object, got ${JSON.stringify(definition)}`);
  const rate = definition.rate;
  if (rate === undefined || (Array.isArray(rate) && rate.length === 0)) throw scheduleInvalidDefinition(where, '"rate" is required');
  const expressions = (Array.isArray(rate) ? rate : [rate]).map((value) => expressionOf(value, where));
  const method = definition.method ?? 'eventBus';
  if (method !== 'eventBus' && method !== 'scheduler') throw scheduleInvalidDefinition(where, `"method" must be eventBus or scheduler, not ${JSON.stringify(method)}`);
  if (definition.enabled !== undefined && typeof definition.enabled !== 'boolean') throw scheduleInvalidDefinition(where, '"enabled" must be true or false');

  const event: ScheduleEvent = { expressions, enabled: definition.enabled !== false, method };
  const name = optionalString(definition, 'name', where);
  if (name !== undefined) event.name = name;
  const description = optionalString(definition, 'description', where);
  if (description !== undefined) event.description = description;
  const input = definition.input;
  if (input !== undefined && input !== null) {
    if (typeof input !== 'string' && !isRecord(input)) throw scheduleInvalidDefinition(where, '"input" must be a string or an object');
    event.input = input;
  }
  const inputPath = optionalString(definition, 'inputPath', where);
  if (inputPath !== undefined) event.inputPath = inputPath;
  const transformer = definition.inputTransformer;
  if (transformer !== undefined && transformer !== null) {
    if (!isRecord(transformer) || typeof transformer.inputTemplate !== 'string') throw scheduleInvalidDefinition(where, '"inputTransformer" needs an "inputTemplate" string');
    event.inputTransformer = { inputTemplate: transformer.inputTemplate };
    if (isRecord(transformer.inputPathsMap)) event.inputTransformer.inputPathsMap = transformer.inputPathsMap;
  }
  const timezone = optionalString(definition, 'timezone', where);
  if (timezone !== undefined) event.timezone = timezone;
  return event;
}

/**
 * The input a target receives, as the JSON text AWS takes: a string as is; an object serialised,
 * after parsing a string `body` (v3 lets `body` be written as JSON text).
 */
export function serializeScheduleInput(input: string | Record<string, unknown>, where?: EventLocation): string {
  if (typeof input === 'string') return input;
  if (typeof input.body !== 'string') return JSON.stringify(input);
  let body: unknown;
  try {
    body = JSON.parse(input.body);
  } catch (error) {
    throw scheduleInvalidInputBody(where, error instanceof Error ? error.message : String(error));
  }
  return JSON.stringify({ ...input, body });
}
