import type { ServiceContext } from '@stratus/core';
import type { AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';
import { normalizeName, normalizeNameToAlphaNumericOnly, normalizePathPart, normalizeResourceName } from '../naming/normalize';
import { stageOf } from './stage-region';

/** lodash `startCase` (`application/json` → `Application Json`), which v3's model ids use. */
function startCase(text: string): string {
  const words = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/**
 * v3's `provider.naming`: the same rules, with the service/stage-dependent names taking no
 * arguments (v3 plugins call `naming.getStackName()`, `naming.getRoleName()`…). Every function
 * reads the live configuration, so it works when a plugin copies it off the object too.
 * `provider` points back at the provider object, as in v3.
 */
export function createV3Naming(context: ServiceContext, provider: object): Record<string, unknown> {
  const service = () => String(context.configuration.service);
  const stage = () => stageOf(context);
  const config = () => (context.configuration.provider ?? {}) as AwsProviderConfig & Record<string, unknown>;
  const apiGateway = () => (config().apiGateway ?? {}) as { shouldStartNameWithService?: boolean };
  const customName = (key: string) => (typeof config()[key] === 'string' ? (config()[key] as string) : undefined);
  const methodLogicalId = (resourceId: string, method: string) => naming.getMethodLogicalId(resourceId, method);
  const lambdaLogicalId = (name: string) => naming.getLambdaLogicalId(name);

  return {
    ...naming,
    provider,
    normalizePathPart,
    normalizeBucketName: normalizeNameToAlphaNumericOnly,
    normalizeTopicName: normalizeNameToAlphaNumericOnly,
    getServiceName: service,

    // Stack, files
    getStackName: () => naming.getStackName(service(), stage(), customName('stackName')),
    getServiceArtifactName: () => `${service()}.zip`,
    getFunctionArtifactName: (functionName: string) => `${functionName}.zip`,
    getLayerArtifactName: (layerName: string) => `${layerName}.zip`,
    getServiceStateFileName: () => 'serverless-state.json',
    getCompiledTemplateFileName: () => 'cloudformation-template-update-stack.json',
    getCompiledTemplateS3Suffix: () => 'compiled-cloudformation-template.json',
    getCoreTemplateFileName: () => 'cloudformation-template-create-stack.json',
    getDeploymentBucketName: () => config().deploymentBucket,

    // Role, policy
    getRolePath: () => '/',
    getRoleName: () => {
      const role = (config().iam as { role?: { name?: unknown } } | undefined)?.role;
      return role && typeof role === 'object' && typeof role.name === 'string' ? role.name : naming.getRoleName(service(), stage());
    },
    getPolicyName: () => naming.getPolicyName(service(), stage()),

    // Lambda
    extractLambdaNameFromArn: (arn: string) => arn.substring(arn.lastIndexOf(':') + 1),
    extractAuthorizerNameFromArn: (arn: string) => {
      const name = arn.split(':').pop() ?? '';
      return name.split('-').pop() ?? '';
    },
    getLambdaLayerLogicalId: (layerName: string) => `${normalizeResourceName(layerName)}LambdaLayer`,
    getLambdaLayerPermissionLogicalId: (layerName: string, account: string) => `${normalizeResourceName(layerName)}${account.replace('*', 'Wild')}LambdaLayerPermission`,
    getLambdaLayerOutputLogicalId: (layerName: string) => `${normalizeResourceName(layerName)}LambdaLayerQualifiedArn`,
    getLambdaLayerHashOutputLogicalId: (layerName: string) => `${normalizeResourceName(layerName)}LambdaLayerHash`,
    getLambdaLayerS3KeyOutputLogicalId: (layerName: string) => `${normalizeResourceName(layerName)}LambdaLayerS3Key`,
    getLambdaProvisionedConcurrencyAliasName: () => 'provisioned',
    getLambdaSnapStartEnabledAliasName: () => 'snapstart',

    // API Gateway (REST)
    getApiGatewayName: () =>
      naming.getApiGatewayName(service(), stage(), {
        ...(customName('apiName') ? { apiName: customName('apiName') as string } : {}),
        ...(apiGateway().shouldStartNameWithService ? { shouldStartNameWithService: true } : {}),
      }),
    generateApiGatewayDeploymentLogicalId: (id: string) => naming.getDeploymentLogicalId(id),
    getNormalizedAuthorizerName: (name: string) => normalizeResourceName(name),
    extractResourceId: (logicalId: string) => /ApiGatewayResource(.*)/.exec(logicalId)?.[1],
    getValidatorLogicalId: (resourceId: string, method: string) => `${methodLogicalId(resourceId, method)}Validator`,
    getModelLogicalId: (resourceId: string, method: string, contentType: string) =>
      // v3 removed only the first space of the start-cased content type.
      `${methodLogicalId(resourceId, method)}${startCase(contentType).replace(' ', '')}Model`,
    getApiKeyLogicalIdRegex: () => /^ApiGatewayApiKey/,
    getStageLogicalId: () => 'ApiGatewayStage',
    getUsagePlanName: () => `${service()}-${stage()}`,
    getApiKeyName: (index: number) => `${service()}-${stage()}-${index}`,

    // HTTP API
    getHttpApiName: () => {
      const httpApi = config().httpApi as { name?: unknown } | undefined;
      return typeof httpApi?.name === 'string' ? httpApi.name : `${stage()}-${service()}`;
    },
    getHttpApiLogicalId: () => 'HttpApi',
    getHttpApiStageLogicalId: () => 'HttpApiStage',
    getHttpApiIntegrationLogicalId: (functionName: string) => `HttpApiIntegration${normalizeResourceName(functionName)}`,
    getLambdaHttpApiPermissionLogicalId: (functionName: string) => `${normalizeResourceName(functionName)}LambdaPermissionHttpApi`,
    getHttpApiLogGroupLogicalId: () => 'HttpApiLogGroup',

    // Websockets
    getWebsocketsApiName: () => customName('websocketsApiName') ?? `${stage()}-${service()}-websockets`,
    getWebsocketsApiLogicalId: () => 'WebsocketsApi',
    getWebsocketsIntegrationLogicalId: (functionName: string) => `${normalizeResourceName(functionName)}WebsocketsIntegration`,
    getLambdaWebsocketsPermissionLogicalId: (functionName: string) => `${normalizeResourceName(functionName)}LambdaPermissionWebsockets`,
    getNormalizedWebsocketsRouteKey: (route: string) =>
      route.replace('$', 'S').replace('/', 'Slash').replace('-', 'Dash').replace('_', 'Underscore').replace('.', 'Period'),
    getWebsocketsDeploymentLogicalId: (id: string) => `WebsocketsDeployment${id}`,
    getWebsocketsStageLogicalId: () => 'WebsocketsDeploymentStage',
    getWebsocketsAuthorizerLogicalId: (functionName: string) => `${normalizeResourceName(functionName)}WebsocketsAuthorizer`,
    getWebsocketsLogGroupLogicalId: () => 'WebsocketsLogGroup',

    // Other events
    getScheduleId: (functionName: string) => `${functionName}Schedule`,
    getStreamLogicalId: (functionName: string, streamType: string, streamName: string) =>
      `${normalizeResourceName(functionName)}EventSourceMapping${normalizeName(streamType)}${normalizeNameToAlphaNumericOnly(streamName)}`,
    getQueueLogicalId: (functionName: string, queueName: string) => `${normalizeResourceName(functionName)}EventSourceMappingSQS${normalizeNameToAlphaNumericOnly(queueName)}`,
    getIotLogicalId: (functionName: string, index: number) => `${normalizeResourceName(functionName)}IotTopicRule${index}`,
    getLambdaIotPermissionLogicalId: (functionName: string, index: number) => `${normalizeResourceName(functionName)}LambdaPermissionIotTopicRule${index}`,
    getCloudWatchEventId: (functionName: string) => `${functionName}CloudWatchEvent`,
    getCloudWatchEventLogicalId: (functionName: string, index: number) => `${normalizeResourceName(functionName)}EventsRuleCloudWatchEvent${index}`,
    getLambdaCloudWatchEventPermissionLogicalId: (functionName: string, index: number) =>
      `${normalizeResourceName(functionName)}LambdaPermissionEventsRuleCloudWatchEvent${index}`,
    getCloudWatchLogLogicalId: (functionName: string, index: number) => `${normalizeResourceName(functionName)}LogsSubscriptionFilterCloudWatchLog${index}`,
    getLambdaCloudWatchLogPermissionLogicalId: (functionName: string) => `${normalizeResourceName(functionName)}LambdaPermissionLogsSubscriptionFilterCloudWatchLog`,
    getCognitoUserPoolLogicalId: (poolId: string) => `CognitoUserPool${normalizeNameToAlphaNumericOnly(poolId)}`,
    getLambdaCognitoUserPoolPermissionLogicalId: (functionName: string, poolId: string, triggerSource: string) =>
      `${normalizeResourceName(functionName)}LambdaPermissionCognitoUserPool${normalizeNameToAlphaNumericOnly(poolId)}TriggerSource${triggerSource}`,
    getAlbTargetGroupLogicalId: (functionName: string) => `${normalizeResourceName(functionName)}AlbTargetGroup`,
    getAlbListenerRuleLogicalId: (functionName: string, index: number) => `${normalizeResourceName(functionName)}AlbListenerRule${index}`,
    getLambdaAlbPermissionLogicalId: (functionName: string) => `${normalizeResourceName(functionName)}LambdaPermissionAlb`,
    getLambdaAlexaSkillPermissionLogicalId: (functionName: string, index?: number) => `${normalizeResourceName(functionName)}LambdaPermissionAlexaSkill${index || '0'}`,
    getLambdaAlexaSmartHomePermissionLogicalId: (functionName: string, index: number) => `${normalizeResourceName(functionName)}LambdaPermissionAlexaSmartHome${index}`,

    // Custom resources
    getCustomResourcesArtifactDirectoryName: () => 'custom-resources',
    getCustomResourcesArtifactName: () => 'custom-resources.zip',
    getCustomResourceS3HandlerFunctionName: () => 'custom-resource-existing-s3',
    getCustomResourceS3HandlerFunctionLogicalId: () => lambdaLogicalId(normalizeResourceName('custom-resource-existing-s3')),
  };
}

/**
 * Naming functions v3 had that the object above lacks: asking for one is reported by name
 * (member-guard in core) rather than failing with "is not a function".
 */
export const V3_ONLY_NAMING_MEMBERS: readonly string[] = [
  'getHttpApiRouteLogicalId', 'getHttpApiAuthorizerLogicalId', 'getHttpApiAuthorizerName', 'getHttpApiIntegrationLogicalIdFor',
  'getAlbTargetGroupNameTagValue', 'getAlbTargetGroupName', 'getWebsocketsRouteLogicalId', 'getWebsocketsRouteResponseLogicalId',
  'getWebsocketsLogsRoleLogicalId', 'getApiGatewayLogsRoleLogicalId', 'getApiGatewayAccountLogicalId', 'getEcrRepositoryName',
  'getCloudFrontDistributionLogicalId', 'getCloudFrontDistributionDomainNameLogicalId', 'getLambdaAtEdgeInvokePermissionLogicalId',
  'getCloudFrontOriginId', 'getCloudFrontCachePolicyLogicalId', 'getEventBridgeEventBusLogicalId', 'getEventBridgeRuleLogicalId',
  'getEventBridgeRuleName', 'getEventBridgeEventBusName', 'getEventBridgeLambdaPermissionLogicalId', 'getMSKEventLogicalId',
  'getKafkaEventLogicalId', 'getActiveMQEventLogicalId', 'getRabbitMQEventLogicalId', 'getCodeDeployApplicationLogicalId',
  'getCodeDeployDeploymentGroupLogicalId', 'getCustomResourceCognitoUserPoolHandlerFunctionName',
  'getCustomResourceCognitoUserPoolHandlerFunctionLogicalId', 'getCustomResourceCognitoUserPoolResourceLogicalId',
  'getCustomResourceEventBridgeHandlerFunctionName', 'getCustomResourceEventBridgeHandlerFunctionLogicalId',
  'getCustomResourceEventBridgeResourceLogicalId', 'getCustomResourceApiGatewayAccountCloudWatchRoleHandlerFunctionName',
  'getCustomResourceApiGatewayAccountCloudWatchRoleHandlerFunctionLogicalId',
  'getCustomResourceApiGatewayAccountCloudWatchRoleResourceLogicalId', 'getSqsDLQLogicalId', 'getSqsQueueLogicalId',
  'getApiGatewayRequestValidatorLogicalId', 'getEndpointModelLogicalId',
];
