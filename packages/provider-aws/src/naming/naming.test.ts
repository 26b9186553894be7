import { naming } from './naming';
import { normalizePathPart } from './normalize';

test.each([
  ['hello', 'Hello'],
  ['my-func', 'My-func'],
])('normalizeName(%s) = %s', (input, output) => expect(naming.normalizeName(input)).toBe(output));

test.each([
  ['my-bucket.name_1', 'Mybucketname1'],
  ['photos-bucket-abc', 'Photosbucketabc'],
])('normalizeNameToAlphaNumericOnly(%s) = %s', (input, output) => expect(naming.normalizeNameToAlphaNumericOnly(input)).toBe(output));

test.each([
  ['user-create_v2', 'UserDashcreateUnderscorev2'],
  ['HELLO_world', 'HELLOUnderscoreworld'],
  ['hello', 'Hello'],
])('getNormalizedFunctionName(%s) = %s', (input, output) => expect(naming.getNormalizedFunctionName(input)).toBe(output));

test.each([
  ['users', 'Users'],
  ['{id}', 'IdVar'],
  ['{userId}', 'UseridVar'],
  ['{proxy+}', 'ProxyVar'],
  ['user-profile', 'UserDashprofile'],
  ['API', 'Api'],
  ['v1.0', 'V10'],
])('normalizePathPart(%s) = %s', (input, output) => expect(normalizePathPart(input)).toBe(output));

test('paths, methods and API Gateway ids', () => {
  expect(naming.normalizePath('users/{id}/posts')).toBe('UsersIdVarPosts');
  expect(naming.getResourceLogicalId('api/v1/{proxy+}')).toBe('ApiGatewayResourceApiV1ProxyVar');
  expect(naming.getMethodLogicalId('UsersIdVar', 'GET')).toBe('ApiGatewayMethodUsersIdVarGet');
  expect(naming.getMethodLogicalId('', 'any')).toBe('ApiGatewayMethodAny');
  expect(naming.getAuthorizerLogicalId('my-auth')).toBe('MyDashauthApiGatewayAuthorizer');
  expect(naming.getApiGatewayName('ev-svc', 'dev')).toBe('dev-ev-svc');
  expect(naming.getApiGatewayName('ev-svc', 'dev', { shouldStartNameWithService: true })).toBe('ev-svc-dev');
});

test('function-related ids', () => {
  expect(naming.getLambdaLogicalId('user-create_v2')).toBe('UserDashcreateUnderscorev2LambdaFunction');
  expect(naming.getLogGroupLogicalId('my-func')).toBe('MyDashfuncLogGroup');
  expect(naming.getLambdaVersionLogicalId('hello', 'uv+Cld/fnen=')).toBe('HelloLambdaVersionuvCldfnen');
  expect(naming.getLambdaVersionOutputLogicalId('hello')).toBe('HelloLambdaFunctionQualifiedArn');
  expect(naming.getDefaultFunctionName('my-svc', 'dev', 'user-create_v2')).toBe('my-svc-dev-user-create_v2');
  expect(naming.getLogGroupName('my-svc-dev-hello')).toBe('/aws/lambda/my-svc-dev-hello');
  expect(naming.getOutputExportName('my-svc', 'dev', 'ServiceEndpoint')).toBe('sls-my-svc-dev-ServiceEndpoint');
});

test('event ids', () => {
  expect(naming.getBucketLogicalId('photos-bucket-abc')).toBe('S3BucketPhotosbucketabc');
  expect(naming.getLambdaS3PermissionLogicalId('resize', 'my-bucket')).toBe('ResizeLambdaPermissionMybucketS3');
  expect(naming.getScheduleLogicalId('cron-job', 1)).toBe('CronDashjobEventsRuleSchedule1');
  expect(naming.getTopicLogicalId('my-topic-1')).toBe('SNSTopicMytopic1');
  expect(naming.getLambdaSnsSubscriptionLogicalId('notify', 'my-topic')).toBe('NotifySnsSubscriptionMytopic');
  expect(naming.getLambdaSnsPermissionLogicalId('notify', 'my-topic')).toBe('NotifyLambdaPermissionMytopicSNS');
  expect(naming.getCustomResourceS3ResourceLogicalId('s3fn')).toBe('S3fnCustomS31');
});
