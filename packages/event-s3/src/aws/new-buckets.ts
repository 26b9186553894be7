import type { CfnResource, EventCompileContext } from '@stratus/provider-aws';
import { s3IntrinsicBucketNotExisting, type EventLocation } from '../errors';
import type { S3Event } from '../normalize';
import { bucketPropertiesFromSettings, notificationConfigurationFromSettings, resolveBucket, type BucketTarget } from './provider-buckets';

export const OWNER = '@stratus/event-s3';

export interface LocatedS3Event {
  where: EventLocation;
  event: S3Event;
}

interface BucketPlan {
  target: BucketTarget;
  configurations: unknown[];
  dependsOn: string[];
}

/** `Filter` of one Lambda configuration: the rules as S3 key filter rules, in the order written. */
function filterOf(event: S3Event): Record<string, unknown> | undefined {
  if (event.rules.length === 0) return undefined;
  return { S3Key: { Rules: event.rules.map((rule) => ({ Name: rule.type, Value: rule.value })) } };
}

const bucketArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${name}`]] });

/**
 * Buckets the stack creates. Every event on one bucket (across functions, in function order)
 * becomes one Lambda configuration of a single `S3Bucket<Name>` resource, which depends on the
 * permissions (S3 checks it may invoke when the notification is set). One permission per function
 * and bucket.
 */
export function compileNewBuckets(context: EventCompileContext, events: LocatedS3Event[]): void {
  const { naming, builder } = context;
  const plans = new Map<string, BucketPlan>();
  const permissions = new Map<string, { functionKey: string; bucketName: string }>();
  for (const { where, event } of events) {
    if (typeof event.bucket !== 'string') throw s3IntrinsicBucketNotExisting(where);
    const target = resolveBucket(event.bucket, context.service, where);
    let plan = plans.get(target.reference);
    if (!plan) {
      plan = { target, configurations: [], dependsOn: [] };
      plans.set(target.reference, plan);
    }
    const configuration: Record<string, unknown> = { Event: event.event, Function: context.functionTargetArn(where.functionKey) };
    const filter = filterOf(event);
    if (filter) configuration.Filter = filter;
    plan.configurations.push(configuration);
    const permissionId = naming.getLambdaS3PermissionLogicalId(where.functionKey, target.reference);
    plan.dependsOn.push(permissionId);
    permissions.set(permissionId, { functionKey: where.functionKey, bucketName: target.name });
  }

  for (const { target, configurations, dependsOn } of plans.values()) {
    const settings = target.settings ?? {};
    const { NotificationConfiguration: configured, ...rest } = bucketPropertiesFromSettings(settings);
    const notification = notificationConfigurationFromSettings(configured);
    const existingLambda = Array.isArray(notification.LambdaConfigurations) ? notification.LambdaConfigurations : [];
    const properties: Record<string, unknown> = {
      ...rest,
      BucketName: target.name,
      NotificationConfiguration: { ...notification, LambdaConfigurations: [...existingLambda, ...configurations] },
    };
    const bucket: CfnResource = { Type: 'AWS::S3::Bucket', Properties: properties, DependsOn: dependsOn };
    builder.addResource(OWNER, naming.getBucketLogicalId(target.reference), bucket);
  }

  for (const [permissionId, { functionKey, bucketName }] of permissions) {
    builder.addResource(OWNER, permissionId, {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: context.functionTargetArn(functionKey),
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: bucketArn(bucketName),
        SourceAccount: { Ref: 'AWS::AccountId' },
      },
    });
  }
}
