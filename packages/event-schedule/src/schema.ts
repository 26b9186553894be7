import type { SchemaDefiner } from '@stratus/core';

/** A JSON schema fragment as `defineFunctionEvent` takes it. */
export type EventSchema = Parameters<SchemaDefiner['defineFunctionEvent']>[2];

/**
 * v3's `rate(...)` syntax: `1 minute|hour|day` in the singular, any other positive number with the
 * plural unit (`rate(5 minutes)`); zero and leading zeros are refused.
 */
export const RATE_PATTERN = '^rate\\((?:1 (?:minute|hour|day)|(?:1\\d+|[2-9]\\d*) (?:minute|hour|day)s)\\)$';
/** v3's `cron(...)` syntax: exactly six space-separated fields (AWS's cron, not Unix's five). */
export const CRON_PATTERN = '^cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)$';
/** Either of the two. */
export const SCHEDULE_EXPRESSION_PATTERN = `${RATE_PATTERN}|${CRON_PATTERN}`;

const expression: EventSchema = { type: 'string', pattern: SCHEDULE_EXPRESSION_PATTERN };
const intrinsic: EventSchema = { $ref: '#/definitions/awsCfFunction' };

/**
 * The `schedule` event as v3 accepts it: an expression, or an object whose `rate` is a list of
 * expressions (a single expression is coerced into a one-item list by the validator, as in v3).
 * `#/definitions/awsCfFunction` is the AWS provider's intrinsic-function definition.
 */
export const scheduleEventSchema: EventSchema = {
  anyOf: [
    expression,
    {
      type: 'object',
      properties: {
        rate: { type: 'array', minItems: 1, items: { anyOf: [intrinsic, expression] } },
        enabled: { type: 'boolean' },
        name: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[.\\-_A-Za-z0-9]+$' },
        description: { type: 'string', maxLength: 512 },
        input: { anyOf: [{ type: 'string', maxLength: 8192 }, { type: 'object' }] },
        inputPath: { type: 'string', maxLength: 256 },
        inputTransformer: {
          type: 'object',
          properties: {
            inputTemplate: { type: 'string', minLength: 1, maxLength: 8192 },
            inputPathsMap: { type: 'object' },
          },
          required: ['inputTemplate'],
          additionalProperties: false,
        },
        method: { enum: ['eventBus', 'scheduler'] },
        timezone: { type: 'string', pattern: '^[\\w\\-/+]+$' },
      },
      required: ['rate'],
      additionalProperties: false,
    },
  ],
};

/** Whether a string is a schedule expression v3 accepts. */
export function isScheduleExpression(value: string): boolean {
  return new RegExp(SCHEDULE_EXPRESSION_PATTERN).test(value);
}
