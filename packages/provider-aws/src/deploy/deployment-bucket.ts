import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { StratusError } from '@stratus/core';
import { isNotFound, toStratusError } from '../aws/aws-errors';
import { customDeploymentBucketName } from '../compile/core-template';
import type { AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';
import { cloudFormationSdk } from '../aws/sdk';

/** The deployment bucket: the configured one, or the one the stack created. Undefined when neither exists. */
export async function findDeploymentBucket(cloudFormation: CloudFormationClient, stackName: string, provider: AwsProviderConfig): Promise<string | undefined> {
  const custom = customDeploymentBucketName(provider);
  if (custom) return custom;
  const { DescribeStackResourceCommand } = cloudFormationSdk();
  try {
    const result = await cloudFormation.send(new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: naming.getDeploymentBucketLogicalId() }));
    return result.StackResourceDetail?.PhysicalResourceId;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toStratusError(error, 'CloudFormation', 'describeStackResource');
  }
}

export async function requireDeploymentBucket(cloudFormation: CloudFormationClient, stackName: string, provider: AwsProviderConfig): Promise<string> {
  const bucket = await findDeploymentBucket(cloudFormation, stackName, provider);
  if (bucket) return bucket;
  throw new StratusError('AWS_DEPLOYMENT_BUCKET_NOT_FOUND', `Stack ${stackName} has no deployment bucket.`, {
    hint: 'Deploy the service first ("stratus deploy"), or check --stage and --region.',
  });
}
