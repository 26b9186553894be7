import { closedObject, ref, type JsonSchema } from './json-schema';

/**
 * `provider.deploymentBucket`: the name of an existing bucket, or how to use/create it.
 * `sseCustomerAlgorithim` keeps v3's spelling, which is what users' files contain.
 */
export const deploymentBucketSchema: JsonSchema = {
  anyOf: [
    ref('awsS3BucketName'),
    closedObject({
      name: ref('awsS3BucketName'),
      maxPreviousDeploymentArtifacts: { type: 'integer', minimum: 0 },
      blockPublicAccess: { type: 'boolean' },
      skipPolicySetup: { type: 'boolean' },
      versioning: { type: 'boolean' },
      serverSideEncryption: { type: 'string', enum: ['AES256', 'aws:kms'] },
      sseKMSKeyId: { type: 'string' },
      sseCustomerAlgorithim: { type: 'string' },
      sseCustomerKey: { type: 'string' },
      sseCustomerKeyMD5: { type: 'string' },
      tags: ref('awsResourceTags'),
    }),
  ],
};
