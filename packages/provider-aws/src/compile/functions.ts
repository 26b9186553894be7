import type { AwsFunctionConfig, AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';
import type { CfnResource } from '../template/cfn-template';
import type { TemplateBuilder } from '../template/template-builder';
import { functionRole } from './function-role';
import { addRoleStatement } from './iam-role';
import { lambdaVersionHash } from './version-hash';

const OWNER = '@stratus/provider-aws (functions)';

/** Stratus' default runtime when neither the function nor the provider sets one (v3's, nodejs16.x, can no longer be deployed). */
export const DEFAULT_RUNTIME = 'nodejs22.x';

export interface FunctionCode {
  /** `{ S3Bucket, S3Key }` location of the zip, absent for image functions. */
  s3Bucket?: unknown;
  s3Key?: string;
  /** base64 SHA-256 of the zip. */
  sha256?: string;
}

export interface CompileFunctionsInput {
  builder: TemplateBuilder;
  provider: AwsProviderConfig;
  functions: Record<string, AwsFunctionConfig>;
  code: (functionKey: string) => FunctionCode;
}

const isArn = (value: unknown): value is string => typeof value === 'string' && value.startsWith('arn:');

function tagsOf(provider: AwsProviderConfig, fn: AwsFunctionConfig): Array<{ Key: string; Value: unknown }> | undefined {
  const merged = { ...(provider.tags ?? {}), ...(fn.tags ?? {}) };
  const entries = Object.entries(merged);
  return entries.length > 0 ? entries.map(([Key, Value]) => ({ Key, Value })) : undefined;
}

function vpcOf(provider: AwsProviderConfig, fn: AwsFunctionConfig): Record<string, unknown> | undefined {
  if (fn.vpc === null || fn.vpc === false) return undefined;
  const vpc = fn.vpc ?? provider.vpc;
  if (!vpc || vpc.securityGroupIds === undefined || vpc.subnetIds === undefined) return undefined;
  return { SecurityGroupIds: vpc.securityGroupIds, SubnetIds: vpc.subnetIds };
}

function tracingMode(provider: AwsProviderConfig, fn: AwsFunctionConfig): string | undefined {
  const tracing = fn.tracing ?? provider.tracing?.lambda;
  if (tracing === undefined || tracing === false) return undefined;
  return tracing === true ? 'Active' : String(tracing);
}

/** The `AWS::Lambda::Function` properties, in v3's order (absent ones skipped). */
function functionProperties(input: CompileFunctionsInput, key: string, fn: AwsFunctionConfig): { properties: Record<string, unknown>; dependsOn: string[] } {
  const { provider, builder } = input;
  const code = input.code(key);
  const properties: Record<string, unknown> = {};
  const image = typeof fn.image === 'string' ? fn.image : (fn.image as { uri?: string } | undefined)?.uri;
  if (image !== undefined) {
    properties.Code = { ImageUri: image };
    properties.PackageType = 'Image';
  } else {
    properties.Code = { S3Bucket: code.s3Bucket, S3Key: code.s3Key };
    properties.Handler = fn.handler;
    properties.Runtime = fn.runtime ?? provider.runtime ?? DEFAULT_RUNTIME;
  }
  properties.FunctionName = fn.name;
  properties.MemorySize = fn.memorySize ?? provider.memorySize ?? 1024;
  properties.Timeout = fn.timeout ?? provider.timeout ?? 6;
  const architecture = fn.architecture ?? provider.architecture;
  if (architecture) properties.Architectures = [architecture];
  if (fn.description !== undefined) properties.Description = fn.description;
  const tags = tagsOf(provider, fn);
  if (tags) properties.Tags = tags;
  if (fn.ephemeralStorageSize !== undefined) properties.EphemeralStorage = { Size: fn.ephemeralStorageSize };
  if (fn.onError !== undefined) {
    properties.DeadLetterConfig = { TargetArn: fn.onError };
    if (isArn(fn.onError) && fn.onError.includes(':sns:')) addRoleStatement(builder, { Effect: 'Allow', Action: ['sns:Publish'], Resource: [fn.onError] });
  }
  const kmsKeyArn = fn.awsKmsKeyArn ?? fn.kmsKeyArn ?? provider.kmsKeyArn;
  if (kmsKeyArn !== undefined) {
    properties.KmsKeyArn = kmsKeyArn;
    addRoleStatement(builder, { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [kmsKeyArn] });
  }
  const tracing = tracingMode(provider, fn);
  if (tracing) {
    properties.TracingConfig = { Mode: tracing };
    addRoleStatement(builder, { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] });
  }
  const environment = { ...(provider.environment ?? {}), ...(fn.environment ?? {}) };
  if (Object.keys(environment).length > 0) properties.Environment = { Variables: environment };
  const role = functionRole(fn, provider);
  properties.Role = role.value;
  const vpc = vpcOf(provider, fn);
  if (vpc) properties.VpcConfig = vpc;
  if (fn.fileSystemConfig) properties.FileSystemConfigs = [{ Arn: fn.fileSystemConfig.arn, LocalMountPath: fn.fileSystemConfig.localMountPath }];
  if (fn.reservedConcurrency !== undefined) properties.ReservedConcurrentExecutions = fn.reservedConcurrency;
  const layers = fn.layers ?? provider.layers;
  if (layers !== undefined) properties.Layers = [...layers];

  const dependsOn = [...(fn.disableLogs ? [] : [naming.getLogGroupLogicalId(key)]), ...(fn.dependsOn ?? []), ...(role.dependsOn ? [role.dependsOn] : [])];
  return { properties, dependsOn };
}

function shouldVersion(provider: AwsProviderConfig, fn: AwsFunctionConfig): boolean {
  if (fn.provisionedConcurrency !== undefined || fn.snapStart) return true;
  return provider.versionFunctions !== false && fn.versionFunction !== false;
}

/** Functions, their versions and version outputs (package:compileFunctions). */
export function compileFunctions(input: CompileFunctionsInput): void {
  const { builder, provider } = input;
  for (const [key, fn] of Object.entries(input.functions)) {
    const functionId = naming.getLambdaLogicalId(key);
    const { properties, dependsOn } = functionProperties(input, key, fn);
    const resource: CfnResource = { Type: 'AWS::Lambda::Function', Properties: properties };
    if (dependsOn.length > 0) resource.DependsOn = dependsOn;
    if (fn.condition !== undefined) resource.Condition = fn.condition;
    builder.addResource(OWNER, functionId, resource);

    if (!shouldVersion(provider, fn)) continue;
    const codeSha256 = input.code(key).sha256 ?? '';
    const versionId = naming.getLambdaVersionLogicalId(key, lambdaVersionHash({ codeSha256, functionProperties: properties }));
    const versionProperties: Record<string, unknown> = { FunctionName: { Ref: functionId } };
    if (codeSha256) versionProperties.CodeSha256 = codeSha256;
    if (fn.description !== undefined) versionProperties.Description = fn.description;
    builder.addResource(OWNER, versionId, { Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain', Properties: versionProperties });
    builder.addOutput(OWNER, naming.getLambdaVersionOutputLogicalId(key), { Description: 'Current Lambda function version', Value: { Ref: versionId } });
    fn.versionLogicalId = versionId;

    if (fn.provisionedConcurrency !== undefined) {
      const aliasId = naming.getLambdaProvisionedConcurrencyAliasLogicalId(key);
      builder.addResource(OWNER, aliasId, {
        Type: 'AWS::Lambda::Alias',
        Properties: {
          FunctionName: { Ref: functionId },
          FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] },
          Name: 'provisioned',
          ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: fn.provisionedConcurrency },
        },
        DependsOn: functionId,
      });
      fn.targetAlias = { name: 'provisioned', logicalId: aliasId };
    }
  }
  for (const [key, fn] of Object.entries(input.functions)) {
    compileFunctionUrl(builder, key, fn);
    compileEventInvokeConfig(builder, key, fn, input.functions);
  }
}

/** The ARN event sources should invoke: the function, or its alias when it has one (provisioned concurrency). */
export function functionTargetArn(functionKey: string, fn: AwsFunctionConfig): unknown {
  const arn = { 'Fn::GetAtt': [naming.getLambdaLogicalId(functionKey), 'Arn'] };
  const alias = fn.targetAlias as { name: string } | undefined;
  return alias ? { 'Fn::Join': [':', [arn, alias.name]] } : arn;
}

function compileFunctionUrl(builder: TemplateBuilder, key: string, fn: AwsFunctionConfig): void {
  if (!fn.url) return;
  const settings = (typeof fn.url === 'object' ? fn.url : {}) as { authorizer?: string; cors?: unknown; invokeMode?: string };
  const authType = settings.authorizer === 'aws_iam' ? 'AWS_IAM' : 'NONE';
  const urlId = naming.getLambdaFunctionUrlLogicalId(key);
  const properties: Record<string, unknown> = { AuthType: authType, TargetFunctionArn: functionTargetArn(key, fn) };
  if (settings.invokeMode) properties.InvokeMode = settings.invokeMode;
  if (settings.cors) properties.Cors = corsOf(settings.cors);
  builder.addResource(OWNER, urlId, { Type: 'AWS::Lambda::Url', Properties: properties, DependsOn: naming.getLambdaLogicalId(key) });
  if (authType === 'NONE') {
    builder.addResource(OWNER, naming.getLambdaFnUrlPermissionLogicalId(key), {
      Type: 'AWS::Lambda::Permission',
      Properties: { FunctionName: functionTargetArn(key, fn), Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' },
      DependsOn: naming.getLambdaLogicalId(key),
    });
  }
  builder.addOutput(OWNER, naming.getLambdaFunctionUrlOutputLogicalId(key), { Description: 'Lambda Function URL', Value: { 'Fn::GetAtt': [urlId, 'FunctionUrl'] } });
}

function corsOf(cors: unknown): Record<string, unknown> {
  const settings = (cors === true ? {} : cors) as Record<string, unknown>;
  const list = (value: unknown, fallback: string[]) => (value === undefined ? fallback : Array.isArray(value) ? value : [value]);
  const out: Record<string, unknown> = {
    AllowOrigins: list(settings.allowedOrigins, ['*']),
    AllowHeaders: list(settings.allowedHeaders, ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token']),
    AllowMethods: list(settings.allowedMethods, ['*']),
  };
  if (settings.allowCredentials !== undefined) out.AllowCredentials = settings.allowCredentials;
  if (settings.exposedResponseHeaders !== undefined) out.ExposeHeaders = settings.exposedResponseHeaders;
  if (settings.maxAge !== undefined) out.MaxAge = settings.maxAge;
  return out;
}

function destinationArn(target: unknown, functions: Record<string, AwsFunctionConfig>): unknown {
  const arn = typeof target === 'object' && target !== null && 'arn' in target ? (target as { arn: unknown }).arn : target;
  if (typeof arn === 'string' && functions[arn]) return { 'Fn::GetAtt': [naming.getLambdaLogicalId(arn), 'Arn'] };
  return arn;
}

function destinationAction(arn: unknown): string {
  const text = typeof arn === 'string' ? arn : JSON.stringify(arn);
  if (text.includes(':sqs:')) return 'sqs:SendMessage';
  if (text.includes(':sns:')) return 'sns:Publish';
  if (text.includes(':events:')) return 'events:PutEvents';
  return 'lambda:InvokeFunction';
}

function compileEventInvokeConfig(builder: TemplateBuilder, key: string, fn: AwsFunctionConfig, functions: Record<string, AwsFunctionConfig>): void {
  const { destinations, maximumEventAge, maximumRetryAttempts } = fn;
  if (!destinations && maximumEventAge === undefined && maximumRetryAttempts === undefined) return;
  const properties: Record<string, unknown> = { FunctionName: { Ref: naming.getLambdaLogicalId(key) }, Qualifier: '$LATEST' };
  if (destinations) {
    const config: Record<string, unknown> = {};
    for (const [field, target] of [['OnSuccess', destinations.onSuccess], ['OnFailure', destinations.onFailure]] as const) {
      if (target === undefined) continue;
      const arn = destinationArn(target, functions);
      config[field] = { Destination: arn };
      addRoleStatement(builder, { Effect: 'Allow', Action: destinationAction(arn), Resource: arn });
    }
    properties.DestinationConfig = config;
  }
  if (maximumEventAge !== undefined) properties.MaximumEventAgeInSeconds = maximumEventAge;
  if (maximumRetryAttempts !== undefined) properties.MaximumRetryAttempts = maximumRetryAttempts;
  builder.addResource(OWNER, naming.getLambdaEventConfigLogicalId(key), { Type: 'AWS::Lambda::EventInvokeConfig', Properties: properties });
}
