import type { SchemaDefiner } from '@stratus/core';

/** A JSON schema fragment as `defineFunctionEvent` takes it. */
export type EventSchema = Parameters<SchemaDefiner['defineFunctionEvent']>[2];

/**
 * S3's bucket naming rules: 3–63 characters, lowercase letters, digits, dots and hyphens, starting
 * and ending with a letter or digit, no `..`, `.-` or `-.`, not an IPv4 address, no reserved
 * `xn--` / `sthree-` prefix or `-s3alias` / `--ol-s3` suffix.
 */
export const S3_BUCKET_NAME_PATTERN =
  '^(?!\\d{1,3}(\\.\\d{1,3}){3}$)(?!xn--|sthree-)(?!.*(\\.\\.|\\.-|-\\.))(?!.*(-s3alias|--ol-s3)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$';

/** The event types S3 sends (`s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`, …). */
export const S3_EVENT_PATTERN = '^s3:.+$';

export const DEFAULT_S3_EVENT = 's3:ObjectCreated:*';

const intrinsic: EventSchema = { $ref: '#/definitions/awsCfFunction' };
const ruleValue: EventSchema = { anyOf: [{ type: 'string' }, intrinsic] };

/**
 * The `s3` event as v3 accepts it: a bucket (its name, or a key of `provider.s3`), or an object.
 * Bucket names are checked when compiling, once a `provider.s3` key is resolved to its name; a
 * CloudFormation function as `bucket` is only possible with `existing: true`.
 */
export const s3EventSchema: EventSchema = {
  anyOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      properties: {
        bucket: { anyOf: [{ type: 'string', minLength: 1 }, intrinsic] },
        event: { type: 'string', pattern: S3_EVENT_PATTERN },
        existing: { type: 'boolean' },
        forceDeploy: { type: 'boolean' },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            properties: { prefix: ruleValue, suffix: ruleValue },
            minProperties: 1,
            maxProperties: 1,
            additionalProperties: false,
          },
        },
      },
      required: ['bucket'],
      additionalProperties: false,
    },
  ],
};

/** Whether a string is a valid S3 bucket name. */
export function isValidBucketName(name: string): boolean {
  return new RegExp(S3_BUCKET_NAME_PATTERN).test(name);
}
