import { StratusError } from '@stratus/core';

/** Where an event is written: `functions.<key>.events[<index>]`. */
export interface EventLocation {
  functionKey: string;
  index: number;
}

/** `functions.resize.events[0].s3`, or just `s3 event` when the location is unknown. */
export function eventPath(where: EventLocation | undefined): string {
  return where ? `functions.${where.functionKey}.events[${where.index}].s3` : 's3 event';
}

// Error factories, alphabetised by code. Every message names the event; every hint says what to do.

export function s3IntrinsicBucketNotExisting(where: EventLocation | undefined): StratusError {
  return new StratusError('S3_INTRINSIC_BUCKET_NOT_EXISTING', `${eventPath(where)}: "bucket" is a CloudFormation function, but the bucket is not marked "existing: true".`, {
    hint: 'A bucket the stack creates needs a plain name (its logical id is made from it). For a bucket created elsewhere, add "existing: true".',
  });
}

export function s3InvalidBucketPattern(where: EventLocation | undefined, name: string, providerKey?: string): StratusError {
  const what = providerKey === undefined ? `"${name}"` : `"${name}" (from provider.s3.${providerKey})`;
  return new StratusError('S3_INVALID_BUCKET_PATTERN', `${eventPath(where)}: ${what} is not a valid S3 bucket name.`, {
    hint:
      providerKey === undefined
        ? 'Bucket names are 3–63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (e.g. "my-photos-bucket"). To use provider.s3 settings, write the key of a provider.s3 entry.'
        : `Give provider.s3.${providerKey} a "name" that is a valid bucket name: 3–63 characters of lowercase letters, digits, dots and hyphens.`,
  });
}

export function s3InvalidDefinition(where: EventLocation | undefined, detail: string): StratusError {
  return new StratusError('S3_INVALID_DEFINITION', `${eventPath(where)}: ${detail}.`, {
    hint: 'Write "s3: <bucket name>" or an object with "bucket" and optional event (e.g. s3:ObjectCreated:*), rules (a list of { prefix } / { suffix }), existing and forceDeploy.',
  });
}

export function s3MultipleBucketsPerFunction(where: EventLocation | undefined, first: unknown, second: unknown): StratusError {
  return new StratusError(
    'S3_MULTIPLE_BUCKETS_PER_FUNCTION',
    `${eventPath(where)}: function "${where?.functionKey ?? '?'}" already uses the existing bucket ${JSON.stringify(first)}; only one existing bucket can be configured per function, and this event names ${JSON.stringify(second)}.`,
    { hint: 'Move the events for the other bucket to another function, or let the stack create one of the buckets (remove "existing: true").' },
  );
}
