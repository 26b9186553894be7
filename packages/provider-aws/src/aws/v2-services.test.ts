import { clientClassOf, commandClassOf, sdkPackageOf } from './v2-services';

test('v2 service names map to the SDK v3 packages, clients and commands', () => {
  const cases: Array<[service: string, method: string, client: string, command: string]> = [
    ['Lambda', 'listVersionsByFunction', 'LambdaClient', 'ListVersionsByFunctionCommand'],
    ['CloudFormation', 'describeStacks', 'CloudFormationClient', 'DescribeStacksCommand'],
    ['CloudWatchLogs', 'filterLogEvents', 'CloudWatchLogsClient', 'FilterLogEventsCommand'],
    ['S3', 'listObjectsV2', 'S3Client', 'ListObjectsV2Command'],
    ['STS', 'getCallerIdentity', 'STSClient', 'GetCallerIdentityCommand'],
    ['SSM', 'getParameter', 'SSMClient', 'GetParameterCommand'],
    ['IAM', 'getRole', 'IAMClient', 'GetRoleCommand'],
    ['APIGateway', 'getRestApis', 'APIGatewayClient', 'GetRestApisCommand'],
  ];
  for (const [service, method, client, command] of cases) {
    const sdk = require(sdkPackageOf(service)) as Record<string, unknown>;
    expect(clientClassOf(sdk, service)).toBe(sdk[client]);
    expect(commandClassOf(sdk, method)).toBe(sdk[command]);
  }
  expect(sdkPackageOf('StepFunctions')).toBe('@aws-sdk/client-sfn');
  expect(sdkPackageOf('Athena')).toBe('@aws-sdk/client-athena');
  expect(sdkPackageOf('CognitoIdentityServiceProvider')).toBe('@aws-sdk/client-cognito-identity-provider');
});
