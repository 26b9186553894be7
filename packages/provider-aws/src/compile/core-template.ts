import type { AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';
import { emptyTemplate, type CfnTemplate } from '../template/cfn-template';

/** `provider.deploymentBucket` as a bucket name when the user brings their own bucket. */
export function customDeploymentBucketName(provider: AwsProviderConfig): string | undefined {
  const bucket = provider.deploymentBucket;
  if (typeof bucket === 'string') return bucket;
  if (bucket && typeof bucket === 'object' && typeof bucket.name === 'string') return bucket.name;
  return undefined;
}

const partitionArn = (...parts: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...parts]] });

/**
 * The stack's starting template (package:initialize): the deployment bucket with its TLS-only
 * policy, or nothing but an output when the user brings their own bucket.
 */
export function buildCoreTemplate(provider: AwsProviderConfig, options: { s3Accelerate?: boolean } = {}): CfnTemplate {
  const template = emptyTemplate();
  const customBucket = customDeploymentBucketName(provider);
  const outputId = naming.getDeploymentBucketOutputLogicalId();
  if (customBucket !== undefined) {
    template.Outputs[outputId] = { Value: customBucket };
    return template;
  }
  const settings = (typeof provider.deploymentBucket === 'object' ? provider.deploymentBucket : {}) as Record<string, unknown>;
  const bucketId = naming.getDeploymentBucketLogicalId();
  const properties: Record<string, unknown> = {
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  };
  if (settings.tags && typeof settings.tags === 'object') {
    properties.Tags = Object.entries(settings.tags as Record<string, unknown>).map(([Key, Value]) => ({ Key, Value }));
  }
  if (settings.blockPublicAccess) {
    properties.PublicAccessBlockConfiguration = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
  }
  if (settings.versioning) properties.VersioningConfiguration = { Status: 'Enabled' };
  if (options.s3Accelerate) properties.AccelerateConfiguration = { AccelerationStatus: 'Enabled' };
  template.Resources[bucketId] = { Type: 'AWS::S3::Bucket', Properties: properties };
  if (!settings.skipPolicySetup) {
    template.Resources[naming.getDeploymentBucketPolicyLogicalId()] = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: [
            {
              Action: 's3:*',
              Effect: 'Deny',
              Principal: '*',
              Resource: [partitionArn(':s3:::', { Ref: bucketId }, '/*'), partitionArn(':s3:::', { Ref: bucketId })],
              Condition: { Bool: { 'aws:SecureTransport': false } },
            },
          ],
        },
      },
    };
  }
  template.Outputs[outputId] = { Value: { Ref: bucketId } };
  if (options.s3Accelerate) template.Outputs.ServerlessDeploymentBucketAccelerated = { Value: true };
  return template;
}

/** What a function's `Code.S3Bucket` refers to. */
export function deploymentBucketReference(provider: AwsProviderConfig): unknown {
  return customDeploymentBucketName(provider) ?? { Ref: naming.getDeploymentBucketLogicalId() };
}
