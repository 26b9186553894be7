/**
 * AWS SDK v2 service class names (what v3 plugins pass to `provider.request('Lambda', …)`) and the
 * SDK v3 package that serves each. A name not listed maps to `@aws-sdk/client-<lowercase name>`,
 * which is right for most services (`Athena`, `Glue`, `Kinesis`, `SQS`…).
 */
const PACKAGE_SUFFIX: Readonly<Record<string, string>> = {
  ACM: 'acm',
  APIGateway: 'api-gateway',
  ApiGatewayManagementApi: 'apigatewaymanagementapi',
  ApiGatewayV2: 'apigatewayv2',
  ApplicationAutoScaling: 'application-auto-scaling',
  AutoScaling: 'auto-scaling',
  CloudFormation: 'cloudformation',
  CloudFront: 'cloudfront',
  CloudWatch: 'cloudwatch',
  CloudWatchEvents: 'cloudwatch-events',
  CloudWatchLogs: 'cloudwatch-logs',
  CodeDeploy: 'codedeploy',
  CognitoIdentity: 'cognito-identity',
  CognitoIdentityServiceProvider: 'cognito-identity-provider',
  DynamoDB: 'dynamodb',
  DynamoDBStreams: 'dynamodb-streams',
  ECR: 'ecr',
  ECS: 'ecs',
  EC2: 'ec2',
  ElastiCache: 'elasticache',
  ELB: 'elastic-load-balancing',
  ELBv2: 'elastic-load-balancing-v2',
  EventBridge: 'eventbridge',
  Firehose: 'firehose',
  IAM: 'iam',
  Iot: 'iot',
  IotData: 'iot-data-plane',
  Kafka: 'kafka',
  KMS: 'kms',
  Lambda: 'lambda',
  MQ: 'mq',
  Organizations: 'organizations',
  RDS: 'rds',
  ResourceGroupsTaggingAPI: 'resource-groups-tagging-api',
  Route53: 'route-53',
  S3: 's3',
  Scheduler: 'scheduler',
  SecretsManager: 'secrets-manager',
  ServiceDiscovery: 'servicediscovery',
  SES: 'ses',
  SESV2: 'sesv2',
  SNS: 'sns',
  SQS: 'sqs',
  SSM: 'ssm',
  StepFunctions: 'sfn',
  STS: 'sts',
  WAFV2: 'wafv2',
  XRay: 'xray',
};

/** `Lambda` → `@aws-sdk/client-lambda`. */
export function sdkPackageOf(service: string): string {
  return `@aws-sdk/client-${PACKAGE_SUFFIX[service] ?? service.toLowerCase()}`;
}

type Constructor = new (...args: never[]) => unknown;

function exportsEndingWith(sdk: Record<string, unknown>, suffix: string): Array<[string, Constructor]> {
  return Object.entries(sdk).filter((entry): entry is [string, Constructor] => entry[0].endsWith(suffix) && typeof entry[1] === 'function');
}

/** The client class of an SDK v3 package: `<Service>Client`, else its only `…Client` export with `send`. */
export function clientClassOf(sdk: Record<string, unknown>, service: string): Constructor | undefined {
  const clients = exportsEndingWith(sdk, 'Client').filter(([, value]) => typeof (value.prototype as { send?: unknown } | undefined)?.send === 'function');
  const wanted = `${service}client`.toLowerCase();
  return (clients.find(([name]) => name.toLowerCase() === wanted) ?? (clients.length === 1 ? clients[0] : undefined))?.[1];
}

/** The command class of a v2 method name: `listVersionsByFunction` → `ListVersionsByFunctionCommand` (case-insensitive). */
export function commandClassOf(sdk: Record<string, unknown>, method: string): Constructor | undefined {
  const wanted = `${method}Command`.toLowerCase();
  return exportsEndingWith(sdk, 'Command').find(([name]) => name.toLowerCase() === wanted)?.[1];
}
