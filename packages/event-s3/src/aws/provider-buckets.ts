import type { AwsServiceConfig } from '@stratus/provider-aws';
import { s3InvalidBucketPattern, type EventLocation } from '../errors';
import { isValidBucketName } from '../schema';

/** A bucket an event names, resolved against `provider.s3`. */
export interface BucketTarget {
  /** What logical ids are made from: the `provider.s3` key, or the bucket name. */
  reference: string;
  /** The bucket's physical name. */
  name: string;
  /** The `provider.s3` key, when the event named one. */
  providerKey?: string;
  /** The `provider.s3.<key>` settings, when the event named one. */
  settings?: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `provider.s3`, or nothing. */
export function providerBuckets(service: AwsServiceConfig): Record<string, unknown> {
  const s3 = service.provider.s3;
  return isRecord(s3) ? s3 : {};
}

/**
 * Resolve a bucket as written in an event: a `provider.s3` key (its `name`, else `bucketName`,
 * else the key itself is the name) or a plain name. The physical name must be a valid bucket name.
 */
export function resolveBucket(bucket: string, service: AwsServiceConfig, where: EventLocation): BucketTarget {
  const buckets = providerBuckets(service);
  if (Object.prototype.hasOwnProperty.call(buckets, bucket) && isRecord(buckets[bucket])) {
    const settings = buckets[bucket] as Record<string, unknown>;
    const given = settings.name ?? settings.bucketName;
    const name = typeof given === 'string' ? given : bucket;
    if (!isValidBucketName(name)) throw s3InvalidBucketPattern(where, name, bucket);
    return { reference: bucket, name, providerKey: bucket, settings };
  }
  if (!isValidBucketName(bucket)) throw s3InvalidBucketPattern(where, bucket);
  return { reference: bucket, name: bucket };
}

const upperFirst = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/**
 * `provider.s3.<key>` as AWS::S3::Bucket properties: `name` → `BucketName`, every other key
 * upper-first (`versioningConfiguration` → `VersioningConfiguration`), values as written.
 */
export function bucketPropertiesFromSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'name') continue;
    properties[upperFirst(key)] = value;
  }
  if (settings.name !== undefined) properties.BucketName = settings.name;
  return properties;
}

/** A notification configuration written in settings, with its keys upper-first as well. */
export function notificationConfigurationFromSettings(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [upperFirst(key), child]));
}
