import { normalizeMethodName, normalizeName, normalizeNameToAlphaNumericOnly, normalizePath, normalizeResourceName } from './normalize';

/**
 * Logical ids and physical names as Serverless v3 makes them. Plain functions of their inputs, so
 * event packages and plugins can use them without a provider instance.
 */
export const naming = {
  normalizeName,
  normalizeNameToAlphaNumericOnly,
  normalizePath,
  normalizeMethodName,
  getNormalizedFunctionName: normalizeResourceName,
  getNormalizedResourceName: normalizeResourceName,

  getStackName: (service: string, stage: string, stackName?: string) => stackName ?? `${service}-${stage}`,
  getDeploymentBucketLogicalId: () => 'ServerlessDeploymentBucket',
  getDeploymentBucketPolicyLogicalId: () => 'ServerlessDeploymentBucketPolicy',
  getDeploymentBucketOutputLogicalId: () => 'ServerlessDeploymentBucketName',
  getRoleLogicalId: () => 'IamRoleLambdaExecution',
  getCustomResourcesRoleLogicalId: () => 'IamRoleCustomResourcesLambdaExecution',
  getPolicyName: (service: string, stage: string) => ({ 'Fn::Join': ['-', [service, stage, 'lambda']] }),
  getRoleName: (service: string, stage: string) => ({ 'Fn::Join': ['-', [service, stage, { Ref: 'AWS::Region' }, 'lambdaRole']] }),

  getLambdaLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LambdaFunction`,
  getLambdaLogicalIdRegex: () => /^.*LambdaFunction$/,
  getLogGroupLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LogGroup`,
  getLogGroupName: (functionName: string) => `/aws/lambda/${functionName}`,
  getLambdaVersionLogicalId: (functionKey: string, hash: string) => `${normalizeResourceName(functionKey)}LambdaVersion${hash.replace(/[^0-9a-z]/gi, '')}`,
  getLambdaVersionOutputLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LambdaFunctionQualifiedArn`,
  getLambdaProvisionedConcurrencyAliasLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}ProvConcLambdaAlias`,
  getLambdaSnapStartAliasLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}SnapStartLambdaAlias`,
  getLambdaFunctionUrlLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LambdaFunctionUrl`,
  getLambdaFnUrlPermissionLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LambdaPermissionFnUrl`,
  getLambdaFunctionUrlOutputLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LambdaFunctionUrl`,
  getLambdaEventConfigLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LambdaEvConf`,
  getDefaultFunctionName: (service: string, stage: string, functionKey: string) => `${service}-${stage}-${functionKey}`,
  getOutputExportName: (service: string, stage: string, outputKey: string) => `sls-${service}-${stage}-${outputKey}`,

  // API Gateway (REST v1)
  getRestApiLogicalId: () => 'ApiGatewayRestApi',
  getApiGatewayName: (service: string, stage: string, options: { apiName?: string; shouldStartNameWithService?: boolean } = {}) =>
    options.apiName ?? (options.shouldStartNameWithService ? `${service}-${stage}` : `${stage}-${service}`),
  getResourceLogicalId: (path: string) => `ApiGatewayResource${normalizePath(path)}`,
  getMethodLogicalId: (resourceId: string, method: string) => `ApiGatewayMethod${resourceId}${normalizeMethodName(method)}`,
  getDeploymentLogicalId: (instanceId: string) => `ApiGatewayDeployment${instanceId}`,
  getLambdaApiGatewayPermissionLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}LambdaPermissionApiGateway`,
  getAuthorizerLogicalId: (authorizerName: string) => `${normalizeResourceName(authorizerName)}ApiGatewayAuthorizer`,
  getApiKeyLogicalId: (index: number, planName?: string) => `ApiGatewayApiKey${planName ? normalizeName(planName) : ''}${index}`,
  getUsagePlanLogicalId: (planName?: string) => `ApiGatewayUsagePlan${planName ? normalizeName(planName) : ''}`,
  getUsagePlanKeyLogicalId: (index: number, planName?: string) => `ApiGatewayUsagePlanKey${planName ? normalizeName(planName) : ''}${index}`,
  getApiGatewayLogGroupLogicalId: () => 'ApiGatewayLogGroup',
  getServiceEndpointRegex: () => /^ServiceEndpoint/,

  // S3
  getBucketLogicalId: (bucketName: string) => `S3Bucket${normalizeNameToAlphaNumericOnly(bucketName)}`,
  getLambdaS3PermissionLogicalId: (functionKey: string, bucketName: string) =>
    `${normalizeResourceName(functionKey)}LambdaPermission${normalizeNameToAlphaNumericOnly(bucketName)}S3`,
  getCustomResourceS3ResourceLogicalId: (functionKey: string) => `${normalizeResourceName(functionKey)}CustomS31`,

  // Schedule
  getScheduleLogicalId: (functionKey: string, index: number) => `${normalizeResourceName(functionKey)}EventsRuleSchedule${index}`,
  getLambdaSchedulePermissionLogicalId: (functionKey: string, index: number) =>
    `${normalizeResourceName(functionKey)}LambdaPermissionEventsRuleSchedule${index}`,
  getSchedulerScheduleLogicalId: (functionKey: string, index: number) => `${normalizeResourceName(functionKey)}SchedulerSchedule${index}`,

  // SNS
  getTopicLogicalId: (topicName: string) => `SNSTopic${normalizeNameToAlphaNumericOnly(topicName)}`,
  getLambdaSnsSubscriptionLogicalId: (functionKey: string, topicName: string) =>
    `${normalizeResourceName(functionKey)}SnsSubscription${normalizeNameToAlphaNumericOnly(topicName)}`,
  getLambdaSnsPermissionLogicalId: (functionKey: string, topicName: string) =>
    `${normalizeResourceName(functionKey)}LambdaPermission${normalizeNameToAlphaNumericOnly(topicName)}SNS`,
  getTopicDLQPolicyLogicalId: (functionKey: string, topicName: string) =>
    `${normalizeNameToAlphaNumericOnly(topicName)}To${normalizeResourceName(functionKey)}DLQPolicy`,
};

export type Naming = typeof naming;
