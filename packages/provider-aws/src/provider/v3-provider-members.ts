import type { V3Members } from '@stratus/core';
import { V3_ONLY_NAMING_MEMBERS } from './v3-naming';

/**
 * The members v3's AwsProvider had, for core's member guard: a v3 plugin asking for one that
 * `AwsProvider` lacks (the SDK v2 module, the Docker/ECR helpers) gets an error naming the member.
 */
export const AWS_PROVIDER_V3_MEMBERS: V3Members = {
  members: [
    'naming', 'options', 'provider', 'serverless', 'sdk', 'hooks', 'cachedCredentials', 'request', 'getCredentials', 'getAwsSdkV3Config',
    'getProfile', 'getRegion', 'getStage', 'getRuntime', 'getAccountId', 'getAccountInfo', 'getDeploymentPrefix',
    'getServerlessDeploymentBucketName', 'getApiGatewayRestApiId', 'getApiGatewayRestApiRootResourceId', 'getApiGatewayPredefinedResources',
    'getApiGatewayWebsocketApiId', 'getApiGatewayDescription', 'getApiGatewayStage', 'getStackResources', 'getCustomDeploymentRole',
    'getCustomExecutionRole', 'isExistingRoleProvided', 'resolveFunctionArn', 'resolveFunctionIamRoleResourceName', 'resolveLayerArtifactName',
    'getAlbTargetGroupPrefix', 'getLogRetentionInDays', 'getLogDataProtectionPolicy', 'isS3TransferAccelerationEnabled',
    'isS3TransferAccelerationSupported', 'isS3TransferAccelerationDisabled', 'disableTransferAccelerationForCurrentDeploy', 'getValues',
    'firstValue', 'getRegionSourceValue', 'getStageSourceValue', 'getRuntimeSourceValue', 'getProfileSourceValue', 'dockerPushToEcr',
    'dockerLoginToEcr', 'ensureDockerIsAvailable', 'getOrCreateEcrRepository', 'resolveImageUriAndSha', 'resolveImageUriAndShaFromPath',
    'resolveImageUriAndShaFromUri',
  ],
  hints: {
    sdk:
      'provider.sdk was the AWS SDK v2 module, which Stratus does not ship (it uses the AWS SDK v3). ' +
      "Use provider.request('<Service>', '<method>', params), or check for a plugin version that uses the AWS SDK v3.",
  },
  children: {
    naming: { members: V3_ONLY_NAMING_MEMBERS },
  },
};
