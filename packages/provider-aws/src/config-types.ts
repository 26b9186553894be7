/** The parts of a resolved serverless.yml the AWS provider reads (validated by the schema first). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type CfnValue = unknown;

export interface AwsIamRoleConfig {
  name?: string;
  path?: string;
  statements?: unknown[];
  managedPolicies?: unknown[];
  permissionsBoundary?: unknown;
  tags?: Record<string, string>;
}

export interface AwsProviderConfig {
  name: 'aws';
  stage: string;
  region: string;
  runtime?: string;
  memorySize?: number;
  timeout?: number;
  architecture?: string;
  environment?: Record<string, CfnValue>;
  tags?: Record<string, string>;
  stackTags?: Record<string, string>;
  stackName?: string;
  deploymentBucket?: string | Record<string, unknown>;
  deploymentPrefix?: string;
  iam?: { role?: string | Record<string, unknown> | AwsIamRoleConfig; deploymentRole?: string };
  iamRoleStatements?: unknown[];
  iamManagedPolicies?: unknown[];
  role?: unknown;
  rolePermissionsBoundary?: unknown;
  vpc?: { securityGroupIds?: unknown; subnetIds?: unknown };
  tracing?: { lambda?: boolean | string; apiGateway?: boolean };
  logRetentionInDays?: number;
  logDataProtectionPolicy?: unknown;
  versionFunctions?: boolean;
  layers?: unknown[];
  kmsKeyArn?: unknown;
  [key: string]: unknown;
}

export interface AwsFunctionConfig {
  handler?: string;
  image?: unknown;
  name: string;
  description?: string;
  runtime?: string;
  memorySize?: number;
  timeout?: number;
  architecture?: string;
  environment?: Record<string, CfnValue>;
  tags?: Record<string, string>;
  role?: unknown;
  layers?: unknown[];
  vpc?: { securityGroupIds?: unknown; subnetIds?: unknown } | null | false;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  onError?: unknown;
  kmsKeyArn?: unknown;
  awsKmsKeyArn?: unknown;
  tracing?: boolean | string;
  disableLogs?: boolean;
  logRetentionInDays?: number;
  logDataProtectionPolicy?: unknown;
  ephemeralStorageSize?: number;
  fileSystemConfig?: { arn?: unknown; localMountPath?: string };
  condition?: string;
  dependsOn?: string[];
  versionFunction?: boolean;
  snapStart?: boolean;
  url?: unknown;
  destinations?: { onSuccess?: unknown; onFailure?: unknown };
  maximumEventAge?: number;
  maximumRetryAttempts?: number;
  package?: { artifact?: string; individually?: boolean; disable?: boolean; patterns?: string[] };
  events: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface AwsServiceConfig {
  service: string;
  provider: AwsProviderConfig;
  functions?: Record<string, AwsFunctionConfig>;
  resources?: {
    Resources?: Record<string, unknown>;
    Outputs?: Record<string, unknown>;
    Conditions?: Record<string, unknown>;
    extensions?: Record<string, Record<string, unknown>>;
    [key: string]: unknown;
  };
  package?: { individually?: boolean; artifact?: string; path?: string; [key: string]: unknown };
  layers?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
