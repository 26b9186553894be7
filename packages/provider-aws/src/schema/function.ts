import { booleanOr, closedObject, corsSettings, ref, requiredUnless, stringArray, type JsonSchema } from './json-schema';
import { functionVpcSchema } from './vpc';

/**
 * Lambda function names: letters, digits, hyphens and underscores. Lambda also caps them at 64
 * characters, but v3 leaves that to the deployment (its default `<service>-<stage>-<key>` names
 * often exceed it in services that package fine), so the length is not checked here.
 */
export const LAMBDA_FUNCTION_NAME_PATTERN = '^[a-zA-Z0-9-_]+$';

/** Where an async invocation's result goes: a function name or ARN, or `{ type, arn }`. */
const destinationTarget = (): JsonSchema => ({
  anyOf: [
    { type: 'string', minLength: 1 },
    ref('awsCfFunction'),
    closedObject(
      { type: { type: 'string', enum: ['function', 'sns', 'sqs', 'eventBus'] }, arn: ref('awsArn') },
      { required: ['arn'] },
    ),
  ],
});

/** `functions.*.url`: a Lambda function URL. */
const urlSchema: JsonSchema = booleanOr(
  closedObject({
    authorizer: { type: 'string', enum: ['aws_iam'] },
    cors: corsSettings(),
    invokeMode: { type: 'string', enum: ['BUFFERED', 'RESPONSE_STREAM'] },
  }),
);

/** `functions.*.image`: a URI or a `provider.ecr.images` name, or the image with overrides. */
const imageSchema: JsonSchema = {
  anyOf: [
    { type: 'string', minLength: 1 },
    closedObject({
      uri: { type: 'string' },
      name: { type: 'string' },
      command: stringArray(),
      entryPoint: stringArray(),
      workingDirectory: { type: 'string' },
    }),
  ],
};

/** `functions.*.package`: what goes into this function's own artifact. */
const functionPackageSchema: JsonSchema = closedObject({
  patterns: stringArray(),
  include: stringArray(),
  exclude: stringArray(),
  artifact: { type: 'string' },
  individually: { type: 'boolean' },
  disable: { type: 'boolean' },
});

/** The function keys of the AWS provider (`events` belongs to the core and the event packages). */
export const functionProperties: Record<string, JsonSchema> = {
  handler: { type: 'string', minLength: 1 },
  name: { type: 'string', pattern: LAMBDA_FUNCTION_NAME_PATTERN },
  description: { type: 'string', maxLength: 256 },
  image: imageSchema,
  runtime: ref('awsLambdaRuntime'),
  architecture: ref('awsLambdaArchitecture'),
  memorySize: ref('awsLambdaMemorySize'),
  timeout: ref('awsLambdaTimeout'),
  ephemeralStorageSize: { type: 'integer', minimum: 512, maximum: 10240 },
  environment: ref('awsLambdaEnvironment'),
  role: ref('awsLambdaRole'),
  layers: ref('awsLambdaLayers'),
  vpc: functionVpcSchema,
  tags: ref('awsResourceTags'),
  reservedConcurrency: { type: 'integer', minimum: 0 },
  provisionedConcurrency: { type: 'integer', minimum: 0 },
  destinations: closedObject({ onSuccess: destinationTarget(), onFailure: destinationTarget() }),
  onError: { anyOf: [ref('awsArnString'), ref('awsCfFunction')] },
  maximumEventAge: { type: 'integer', minimum: 60, maximum: 21600 },
  maximumRetryAttempts: { type: 'integer', minimum: 0, maximum: 2 },
  url: urlSchema,
  disableLogs: { type: 'boolean' },
  logRetentionInDays: ref('awsLogRetentionInDays'),
  logDataProtectionPolicy: ref('awsLogDataProtectionPolicy'),
  package: functionPackageSchema,
  kmsKeyArn: ref('awsKmsArn'),
  // Legacy spelling of kmsKeyArn.
  awsKmsKeyArn: ref('awsKmsArn'),
  // A CloudFormation condition name from `resources.Conditions`.
  condition: { type: 'string' },
  dependsOn: stringArray(),
  fileSystemConfig: closedObject(
    {
      arn: { anyOf: [{ type: 'string', pattern: '^arn:aws[a-zA-Z-]*:elasticfilesystem:' }, ref('awsCfFunction')] },
      localMountPath: { type: 'string', pattern: '^/mnt/[a-zA-Z0-9-_.]+$' },
    },
    { required: ['arn', 'localMountPath'] },
  ),
  snapStart: { type: 'boolean' },
  tracing: ref('awsLambdaTracing'),
  runtimeManagement: ref('awsLambdaRuntimeManagement'),
  versionFunction: { type: 'boolean' },
  httpApi: closedObject({ payload: { type: 'string' } }),
};

/**
 * One function. It runs either code (`handler`) or a container image (`image`): without an
 * image, `handler` is required, which reads as "must have required property 'handler'".
 */
export const functionSchema: JsonSchema = {
  type: 'object',
  properties: functionProperties,
  additionalProperties: false,
  ...requiredUnless('handler', 'image'),
};
