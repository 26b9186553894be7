import { apiGatewaySchema, httpApiSchema, websocketSchema } from './api-gateway';
import { deploymentBucketSchema } from './deployment-bucket';
import { closedObject, ref, stringArray, type JsonSchema } from './json-schema';
import { logsSchema } from './logs';
import { providerVpcSchema, vpcEndpointIdsSchema } from './vpc';

/** CloudFormation stack names: a letter, then letters, digits and hyphens, up to 128. */
export const STACK_NAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9-]{0,127}$';

/** AWS region names (`us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-northwest-1`, …). */
export const REGION_PATTERN = '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d{1,2}$';

/** `provider.s3`: buckets that `s3` events refer to by key, with AWS::S3::Bucket's properties in camelCase. */
const s3BucketsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { name: ref('awsS3BucketName'), bucketName: ref('awsS3BucketName') },
  },
};

/** `provider.ecr`: images built from a local Dockerfile, referred to by `functions.*.image`. */
const ecrSchema: JsonSchema = closedObject({
  scanOnPush: { type: 'boolean' },
  images: {
    type: 'object',
    patternProperties: {
      '^[a-z][a-z0-9-_]{1,31}$': {
        anyOf: [
          { type: 'string' },
          closedObject({
            uri: { type: 'string' },
            path: { type: 'string' },
            file: { type: 'string' },
            buildArgs: { type: 'object', additionalProperties: { type: 'string' } },
            buildOptions: stringArray(),
            cacheFrom: stringArray(),
            platform: { type: 'string' },
            provenance: { type: 'string' },
          }),
        ],
      },
    },
    additionalProperties: false,
  },
});

/** `provider.alb`: settings of `alb` events' target groups and their authorizers. */
const albSchema: JsonSchema = closedObject({
  targetGroupPrefix: { type: 'string', maxLength: 16 },
  authorizers: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { type: { type: 'string', enum: ['cognito', 'oidc'] } },
      required: ['type'],
    },
  },
});

/** `provider.cloudFront`: cache policies `cloudFront` events refer to by name. */
const cloudFrontSchema: JsonSchema = closedObject({
  cachePolicies: {
    type: 'object',
    additionalProperties: closedObject({
      Comment: { type: 'string' },
      DefaultTTL: { type: 'integer', minimum: 0 },
      MaxTTL: { type: 'integer', minimum: 0 },
      MinTTL: { type: 'integer', minimum: 0 },
      ParametersInCacheKeyAndForwardedToOrigin: { type: 'object' },
    }),
  },
});

/** `provider.rollbackConfiguration`: CloudFormation's RollbackConfiguration. */
const rollbackConfigurationSchema: JsonSchema = closedObject({
  MonitoringTimeInMinutes: { type: 'integer', minimum: 0, maximum: 180 },
  RollbackTriggers: {
    type: 'array',
    items: closedObject({ Arn: ref('awsArnString'), Type: { const: 'AWS::CloudWatch::Alarm' } }, { required: ['Arn', 'Type'] }),
  },
});

/** `provider.stackParameters`: values for the template's `Parameters`. */
const stackParametersSchema: JsonSchema = {
  type: 'array',
  items: closedObject(
    {
      ParameterKey: { type: 'string' },
      ParameterValue: { type: 'string' },
      UsePreviousValue: { type: 'boolean' },
      ResolvedValue: { type: 'string' },
    },
    { required: ['ParameterKey'] },
  ),
};

/**
 * The `provider` keys of the AWS provider. `name` and `stage` are added by the core; the object
 * is closed, so unknown keys are reported with the closest known one.
 */
export const providerProperties: Record<string, JsonSchema> = {
  // Where and as what
  region: { type: 'string', pattern: REGION_PATTERN },
  profile: { type: 'string' },
  runtime: ref('awsLambdaRuntime'),
  architecture: ref('awsLambdaArchitecture'),
  memorySize: ref('awsLambdaMemorySize'),
  timeout: ref('awsLambdaTimeout'),
  environment: ref('awsLambdaEnvironment'),
  layers: ref('awsLambdaLayers'),
  tracing: closedObject({ lambda: ref('awsLambdaTracing'), apiGateway: { type: 'boolean' } }),
  versionFunctions: { type: 'boolean' },
  kmsKeyArn: ref('awsKmsArn'),
  runtimeManagement: ref('awsLambdaRuntimeManagement'),
  // v3 only accepts the hashing version it always uses; `20201221` unquoted is a number, coerced.
  lambdaHashingVersion: { type: 'string', enum: ['20201221'] },
  logRetentionInDays: ref('awsLogRetentionInDays'),
  logDataProtectionPolicy: ref('awsLogDataProtectionPolicy'),
  logs: logsSchema,
  vpc: providerVpcSchema,
  vpcEndpointIds: vpcEndpointIdsSchema,

  // Execution role and permissions
  iam: ref('awsProviderIam'),
  // Legacy forms of `iam.role` / `iam.role.*` (v3 prints a deprecation for them).
  iamRoleStatements: ref('awsIamPolicyStatements'),
  iamManagedPolicies: ref('awsIamManagedPolicies'),
  role: ref('awsLambdaRole'),
  rolePermissionsBoundary: ref('awsArn'),
  cfnRole: ref('awsArn'),

  // The CloudFormation stack
  stackName: { type: 'string', pattern: STACK_NAME_PATTERN },
  deploymentBucket: deploymentBucketSchema,
  deploymentPrefix: { type: 'string' },
  deploymentMethod: { type: 'string', enum: ['changesets', 'direct'] },
  tags: ref('awsResourceTags'),
  stackTags: ref('awsResourceTags'),
  stackPolicy: ref('awsResourcePolicyStatements'),
  stackParameters: stackParametersSchema,
  notificationArns: { type: 'array', items: ref('awsArnString') },
  disableRollback: { type: 'boolean' },
  rollbackConfiguration: rollbackConfigurationSchema,

  // APIs and event sources
  apiGateway: apiGatewaySchema,
  apiName: { type: 'string' },
  endpointType: { type: 'string', regexp: '/^(REGIONAL|EDGE|PRIVATE)$/i' },
  httpApi: httpApiSchema,
  websocket: websocketSchema,
  websocketsApiName: { type: 'string' },
  websocketsApiRouteSelectionExpression: { type: 'string' },
  websocketsDescription: { type: 'string' },
  alb: albSchema,
  cloudFront: cloudFrontSchema,
  eventBridge: closedObject({ useCloudFormation: { type: 'boolean' } }),
  kinesis: closedObject({ consumerNamingMode: { type: 'string', enum: ['serviceSpecific'] } }),
  s3: s3BucketsSchema,
  ecr: ecrSchema,
};

export const providerSchema: JsonSchema = {
  type: 'object',
  properties: providerProperties,
  additionalProperties: false,
};
