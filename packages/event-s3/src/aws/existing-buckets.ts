import { isDeepStrictEqual } from 'node:util';
import type { CfnResource, EventCompileContext } from '@stratus/provider-aws';
import { s3InvalidBucketPattern, s3MultipleBucketsPerFunction } from '../errors';
import { isValidBucketName } from '../schema';
import { customResourceHandlerLogicalId } from './custom-resource-function';
import { OWNER, type LocatedS3Event } from './new-buckets';

/** `Rules` of one bucket config for the custom resource: `[{ Prefix: … }, { Suffix: … }]`. */
const rulesOf = (event: LocatedS3Event['event']) => event.rules.map((rule) => ({ [rule.type === 'prefix' ? 'Prefix' : 'Suffix']: rule.value }));

/** The IAM statement that lets the custom resource read and write one bucket's notifications. */
export const bucketNotificationStatement = (bucket: unknown) => ({
  Effect: 'Allow',
  Resource: { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 's3', '', '', bucket]] },
  Action: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
});

/**
 * Buckets created elsewhere (`existing: true`): CloudFormation cannot add notifications to them,
 * so one `Custom::S3` resource per function asks the custom resource handler to. A function may use
 * one existing bucket (v3's `S3_MULTIPLE_BUCKETS_PER_FUNCTION`); custom resources of several
 * functions on one bucket are chained with `DependsOn`, so they update its configuration one at a
 * time. Returns the IAM statements the handler's role needs (one per function's bucket).
 */
export function compileExistingBuckets(context: EventCompileContext, events: LocatedS3Event[]): Array<Record<string, unknown>> {
  const { naming, builder } = context;
  const handlerId = customResourceHandlerLogicalId(naming);
  const byFunction = new Map<string, { bucket: unknown; resource: CfnResource }>();
  const lastOnBucket = new Map<string, string>();
  const statements: Array<Record<string, unknown>> = [];
  for (const { where, event } of events) {
    if (typeof event.bucket === 'string' && !isValidBucketName(event.bucket)) throw s3InvalidBucketPattern(where, event.bucket);
    const config = { Event: event.event, Rules: rulesOf(event) };
    const current = byFunction.get(where.functionKey);
    if (current) {
      if (!isDeepStrictEqual(current.bucket, event.bucket)) throw s3MultipleBucketsPerFunction(where, current.bucket, event.bucket);
      const properties = current.resource.Properties as Record<string, unknown>;
      (properties.BucketConfigs as unknown[]).push(config);
      if (event.forceDeploy) properties.ForceDeploy = forceDeployValue(context);
      continue;
    }
    const bucketKey = JSON.stringify(event.bucket);
    const previous = lastOnBucket.get(bucketKey);
    const properties: Record<string, unknown> = {
      ServiceToken: { 'Fn::GetAtt': [handlerId, 'Arn'] },
      FunctionName: context.service.functions?.[where.functionKey]?.name ?? naming.getDefaultFunctionName(context.service.service, context.stage, where.functionKey),
      BucketName: event.bucket,
      BucketConfigs: [config],
    };
    if (event.forceDeploy) properties.ForceDeploy = forceDeployValue(context);
    const resource: CfnResource = {
      Type: 'Custom::S3',
      Version: 1,
      DependsOn: [naming.getLambdaLogicalId(where.functionKey), handlerId, ...(previous ? [previous] : [])],
      Properties: properties,
    };
    const resourceId = naming.getCustomResourceS3ResourceLogicalId(where.functionKey);
    builder.addResource(OWNER, resourceId, resource);
    byFunction.set(where.functionKey, { bucket: event.bucket, resource });
    lastOnBucket.set(bucketKey, resourceId);
    statements.push(bucketNotificationStatement(event.bucket));
  }
  return statements;
}

/** A value that changes on every packaging run (v3 uses the time), so CloudFormation updates the resource. */
function forceDeployValue(context: EventCompileContext): number {
  const fromRun = Number(context.instanceId);
  return Number.isFinite(fromRun) && fromRun > 0 ? fromRun : Date.now();
}
