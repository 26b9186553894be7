import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceContext } from '@stratus/core';
import { awsError, fakeAwsClients, type FakeHandler } from '../aws/__fixtures__/fake-aws';
import { isolateEnvironment } from '../aws/__fixtures__/isolated-env';
import { perRun } from '../shared/per-run';
import { AwsProvider } from './aws-provider';

const ENV_KEYS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'];
isolateEnvironment(ENV_KEYS);

function contextOf(configuration: Record<string, unknown>, options: Record<string, unknown> = {}): ServiceContext {
  return {
    serviceDir: '/tmp/svc',
    configFile: 'serverless.yml',
    configuration: { service: 'svc', ...configuration, provider: { name: 'aws', ...(configuration.provider as object) } },
    options,
    locate: () => ({ file: 'serverless.yml' }),
    commands: [],
  };
}

/** A provider whose AWS clients answer from `handlers` (the run's clients are looked up per service context). */
function providerWithFakes(handlers: Record<string, FakeHandler>, configuration: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
  const context = contextOf(configuration, options);
  const fake = fakeAwsClients(handlers);
  perRun(context, 'clients', () => fake.clients);
  return { provider: new AwsProvider(context), calls: fake.calls };
}

describe('naming', () => {
  test('v3 plugins call naming helpers as methods of provider.naming, which points back to the provider', () => {
    const provider = new AwsProvider(contextOf({ provider: { stage: 'prod', iam: { role: { name: 'custom-role' } } } }));
    const naming = provider.naming as Record<string, (...args: any[]) => unknown>;
    expect(naming.provider).toBe(provider);
    expect(provider.provider).toBe(provider);
    expect(naming.getStackName!()).toBe('svc-prod');
    expect(naming.getRoleName!()).toBe('custom-role');
    expect(naming.getRoleLogicalId!()).toBe('IamRoleLambdaExecution');
    expect(naming.getLambdaLogicalId!('user-create_v2')).toBe('UserDashcreateUnderscorev2LambdaFunction');
    expect(naming.getNormalizedFunctionName!('user-create')).toBe('UserDashcreate');
    expect(naming.getLogGroupName!('svc-prod-hello')).toBe('/aws/lambda/svc-prod-hello');
    expect(naming.normalizePath!('users/{id}')).toBe('UsersIdVar');
    expect(naming.getRestApiLogicalId!()).toBe('ApiGatewayRestApi');
    expect(naming.getResourceLogicalId!('users/{id}')).toBe('ApiGatewayResourceUsersIdVar');
    expect(naming.getAuthorizerLogicalId!('my-auth')).toBe('MyDashauthApiGatewayAuthorizer');
    expect(naming.getApiGatewayName!()).toBe('prod-svc');
    expect(naming.getValidatorLogicalId!('UsersIdVar', 'get')).toBe('ApiGatewayMethodUsersIdVarGetValidator');
    expect(naming.getModelLogicalId!('UsersIdVar', 'post', 'application/json')).toBe('ApiGatewayMethodUsersIdVarPostApplicationJsonModel');
    expect(naming.getUsagePlanLogicalId!()).toBe('ApiGatewayUsagePlan');
    expect(naming.generateApiGatewayDeploymentLogicalId!('123')).toBe('ApiGatewayDeployment123');
    expect(naming.getLambdaLayerLogicalId!('deps')).toBe('DepsLambdaLayer');
    expect(naming.getServiceArtifactName!()).toBe('svc.zip');
    expect(naming.getCompiledTemplateFileName!()).toBe('cloudformation-template-update-stack.json');
    expect(naming.extractAuthorizerNameFromArn!('arn:aws:lambda:us-east-1:1:function:svc-dev-authFn')).toBe('authFn');
    expect(naming.getCustomResourceS3HandlerFunctionLogicalId!()).toBe('CustomDashresourceDashexistingDashs3LambdaFunction');
    expect(naming.getStreamLogicalId!('fn', 'dynamodb', 'my-table')).toBe('FnEventSourceMappingDynamodbMytable');
    // Copied off the object, they still work (they read the live configuration, not `this`).
    const { getStackName } = naming;
    expect(getStackName!()).toBe('svc-prod');
  });

  test('the default role name is the v3 Fn::Join', () => {
    const naming = new AwsProvider(contextOf({})).naming as Record<string, () => unknown>;
    expect(naming.getRoleName!()).toEqual({ 'Fn::Join': ['-', ['svc', 'dev', { Ref: 'AWS::Region' }, 'lambdaRole']] });
  });
});

describe('stage, region and other configuration', () => {
  test('options win over provider settings, which win over the defaults', () => {
    expect(new AwsProvider(contextOf({})).getStage()).toBe('dev');
    expect(new AwsProvider(contextOf({})).getRegion()).toBe('us-east-1');
    const configured = new AwsProvider(contextOf({ provider: { stage: 'qa', region: 'eu-west-1' } }));
    expect([configured.getStage(), configured.getRegion()]).toEqual(['qa', 'eu-west-1']);
    const fromOptions = new AwsProvider(contextOf({ provider: { stage: 'qa', region: 'eu-west-1' } }, { stage: 'prod', region: 'ap-south-1' }));
    expect([fromOptions.getStage(), fromOptions.getRegion()]).toEqual(['prod', 'ap-south-1']);
    expect(fromOptions.getStageSourceValue()).toEqual({ path: ['options', 'stage'], value: 'prod' });
  });

  test('roles, function ARNs, prefixes', () => {
    const provider = new AwsProvider(contextOf({ provider: { iam: { role: 'arn:aws:iam::1:role/r' } }, functions: { hello: { handler: 'h' } } }));
    expect(provider.getCustomExecutionRole({})).toBe('arn:aws:iam::1:role/r');
    expect(provider.resolveFunctionIamRoleResourceName({})).toBeNull();
    expect(provider.resolveFunctionIamRoleResourceName({ role: { 'Fn::GetAtt': ['MyRole', 'Arn'] } })).toBe('MyRole');
    expect(provider.resolveFunctionArn('hello')).toEqual({ 'Fn::GetAtt': ['HelloLambdaFunction', 'Arn'] });
    expect(provider.resolveFunctionArn('arn:aws:lambda:us-east-1:1:function:x')).toBe('arn:aws:lambda:us-east-1:1:function:x');
    expect(() => provider.resolveFunctionArn('nope')).toThrow(expect.objectContaining({ code: 'UNRECOGNIZED_FUNCTION_ADDRESS' }));
    expect(provider.getDeploymentPrefix()).toBe('serverless');
    expect(provider.isExistingRoleProvided({ 'Fn::ImportValue': 'x' })).toBe(true);
  });
});

describe('credentials', () => {
  test('getCredentials gives the keys at once when known (env), cached, usable as SDK v2 and SDK v3 credentials', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    const provider = new AwsProvider(contextOf({ provider: { region: 'eu-central-1' } }));
    const result = provider.getCredentials();
    expect(result.region).toBe('eu-central-1');
    expect(result.credentials.accessKeyId).toBe('AKIAENV');
    expect(result.credentials.secretAccessKey).toBe('env-secret');
    expect(provider.getCredentials()).toBe(result);
    expect(provider.cachedCredentials).toBe(result);
    // SDK v3: a credential provider.
    await expect(result.credentials()).resolves.toMatchObject({ accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret' });
    // SDK v2: get(callback).
    await new Promise<void>((resolve, reject) => result.credentials.get((error) => (error ? reject(error) : resolve())));
    expect(result.credentials.needsRefresh()).toBe(false);
  });

  test('--aws-profile (and provider.profile) pick the profile, read from the shared credentials file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-creds-'));
    const file = path.join(dir, 'credentials');
    writeFileSync(file, '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n\n[deployer]\naws_access_key_id = AKIADEPLOYER\naws_secret_access_key = s\naws_session_token = t\n');
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    const fromOption = new AwsProvider(contextOf({}, { 'aws-profile': 'deployer' })).getCredentials().credentials;
    expect([fromOption.accessKeyId, fromOption.secretAccessKey, fromOption.sessionToken]).toEqual(['AKIADEPLOYER', 's', 't']);
    const fromConfig = new AwsProvider(contextOf({ provider: { profile: 'deployer' } })).getCredentials().credentials;
    expect(fromConfig.accessKeyId).toBe('AKIADEPLOYER');
    await expect(fromConfig()).resolves.toMatchObject({ accessKeyId: 'AKIADEPLOYER', sessionToken: 't' });
    expect(new AwsProvider(contextOf({})).getCredentials().credentials.accessKeyId).toBe('AKIADEFAULT');
    const sdkV3 = new AwsProvider(contextOf({}, { 'aws-profile': 'deployer', region: 'eu-west-2' })).getAwsSdkV3Config();
    expect(sdkV3.region).toBe('eu-west-2');
    await expect(sdkV3.credentials()).resolves.toMatchObject({ accessKeyId: 'AKIADEPLOYER' });
  });
});

describe('AWS lookups', () => {
  test('getAccountId and getAccountInfo ask STS once', async () => {
    const { provider, calls } = providerWithFakes({ GetCallerIdentity: () => ({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/me', UserId: 'AID' }) });
    expect(await provider.getAccountId()).toBe('123456789012');
    expect(await provider.getAccountInfo()).toEqual({ accountId: '123456789012', partition: 'aws', arn: 'arn:aws:iam::123456789012:user/me', userId: 'AID' });
    expect(calls.filter((call) => call.operation === 'GetCallerIdentity')).toHaveLength(1);
  });

  test('getServerlessDeploymentBucketName: the configured bucket, else the stack resource', async () => {
    const custom = providerWithFakes({}, { provider: { deploymentBucket: { name: 'my-bucket' } } });
    expect(await custom.provider.getServerlessDeploymentBucketName()).toBe('my-bucket');
    expect(custom.calls).toEqual([]);

    const deployed = providerWithFakes({ DescribeStackResource: () => ({ StackResourceDetail: { PhysicalResourceId: 'svc-dev-serverlessdeploymentbucket-abc' } }) });
    expect(await deployed.provider.getServerlessDeploymentBucketName()).toBe('svc-dev-serverlessdeploymentbucket-abc');
    expect(deployed.calls[0]!.input).toEqual({ StackName: 'svc-dev', LogicalResourceId: 'ServerlessDeploymentBucket' });

    const missing = providerWithFakes({
      DescribeStackResource: () => {
        throw awsError('ValidationError', 'Stack with id svc-dev does not exist');
      },
    });
    await expect(missing.provider.getServerlessDeploymentBucketName()).rejects.toMatchObject({ code: 'AWS_DEPLOYMENT_BUCKET_NOT_FOUND' });
  });

  test('getStackResources reads every page', async () => {
    const { provider } = providerWithFakes({
      ListStackResources: (input) =>
        input.NextToken ? { StackResourceSummaries: [{ LogicalResourceId: 'B' }] } : { StackResourceSummaries: [{ LogicalResourceId: 'A' }], NextToken: 'next' },
    });
    expect(await provider.getStackResources()).toEqual([{ LogicalResourceId: 'A' }, { LogicalResourceId: 'B' }]);
  });

  test('request names the calling plugin the host reports when a client package is missing', async () => {
    const context = contextOf({});
    const provider = new AwsProvider(context, { callingPlugin: () => 'serverless-plugin-x' });
    await expect(provider.request('NoSuchService', 'doIt', {})).rejects.toMatchObject({
      code: 'AWS_SDK_CLIENT_NOT_INSTALLED',
      message: expect.stringContaining('Plugin "serverless-plugin-x" called provider.request(\'NoSuchService\', \'doIt\')'),
    });
  });
});
