import type { AwsFunctionConfig, AwsProviderConfig } from '../config-types';
import { emptyTemplate } from '../template/cfn-template';
import { TemplateBuilder } from '../template/template-builder';
import { buildCoreTemplate, deploymentBucketReference } from './core-template';
import { addExportNamesToOutputs, mergeCustomResources, stripNullProperties } from './finalize-template';
import { compileFunctions, functionTargetArn } from './functions';
import { addExecutionRole, needsExecutionRole } from './iam-role';
import { addLogGroups } from './log-groups';

const provider = (extra: Partial<AwsProviderConfig> = {}): AwsProviderConfig => ({ name: 'aws', stage: 'dev', region: 'us-east-1', ...extra });
const fn = (name: string, extra: Partial<AwsFunctionConfig> = {}): AwsFunctionConfig => ({ handler: 'handler.main', name, events: [], ...extra });

describe('core template', () => {
  test('a generated deployment bucket with a TLS-only policy and its output', () => {
    const template = buildCoreTemplate(provider());
    expect(Object.keys(template.Resources)).toEqual(['ServerlessDeploymentBucket', 'ServerlessDeploymentBucketPolicy']);
    expect(template.Outputs).toEqual({ ServerlessDeploymentBucketName: { Value: { Ref: 'ServerlessDeploymentBucket' } } });
    expect(deploymentBucketReference(provider())).toEqual({ Ref: 'ServerlessDeploymentBucket' });
  });

  test('a custom bucket: no bucket resources, the name as output and Code.S3Bucket', () => {
    for (const deploymentBucket of ['my-bucket', { name: 'my-bucket', maxPreviousDeploymentArtifacts: 3 }]) {
      const template = buildCoreTemplate(provider({ deploymentBucket }));
      expect(template.Resources).toEqual({});
      expect(template.Outputs.ServerlessDeploymentBucketName).toEqual({ Value: 'my-bucket' });
      expect(deploymentBucketReference(provider({ deploymentBucket }))).toBe('my-bucket');
    }
  });

  test('bucket options: tags, public access block, versioning, no policy', () => {
    const template = buildCoreTemplate(provider({ deploymentBucket: { tags: { team: 'a' }, blockPublicAccess: true, versioning: true, skipPolicySetup: true } }));
    const properties = template.Resources.ServerlessDeploymentBucket!.Properties!;
    expect(properties.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    expect(properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(properties.PublicAccessBlockConfiguration).toBeDefined();
    expect(template.Resources.ServerlessDeploymentBucketPolicy).toBeUndefined();
  });
});

describe('execution role and log groups', () => {
  test('log resources: custom-named functions first, then the service wildcard', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    const functions = { a: fn('svc-dev-a'), custom: fn('my-custom-name') };
    addExecutionRole(builder, 'svc', 'dev', provider({ iam: { role: { statements: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } } }), functions);
    const statements = (builder.getResource('IamRoleLambdaExecution')!.Properties!.Policies as Array<{ PolicyDocument: { Statement: Array<{ Resource: unknown }> } }>)[0]!.PolicyDocument.Statement;
    expect(statements[0]!.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/my-custom-name:*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/svc-dev*:*' },
    ]);
    expect(statements[1]!.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/my-custom-name:*:*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/svc-dev*:*:*' },
    ]);
    expect(statements[2]).toEqual({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
  });

  test('no role without functions, with an existing role, with provider.role, or when every function has a role', () => {
    expect(needsExecutionRole(provider(), {})).toBe(false);
    expect(needsExecutionRole(provider({ iam: { role: 'arn:aws:iam::1:role/x' } }), { a: fn('a') })).toBe(false);
    expect(needsExecutionRole(provider({ iam: { role: { 'Fn::GetAtt': ['R', 'Arn'] } } }), { a: fn('a') })).toBe(false);
    expect(needsExecutionRole(provider({ role: 'R' }), { a: fn('a') })).toBe(false);
    expect(needsExecutionRole(provider(), { a: fn('a', { role: 'R' }) })).toBe(false);
    expect(needsExecutionRole(provider(), { a: fn('a', { role: 'R' }), b: fn('b') })).toBe(true);
  });

  test('managed policies, the VPC policy, boundary, name and path', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    addExecutionRole(builder, 'svc', 'dev', provider({ vpc: { securityGroupIds: ['sg'], subnetIds: ['sn'] }, iam: { role: { name: 'custom', path: '/x/', managedPolicies: ['arn:m'], permissionsBoundary: 'arn:b' } } }), { a: fn('svc-dev-a') });
    const properties = builder.getResource('IamRoleLambdaExecution')!.Properties!;
    expect(properties.RoleName).toBe('custom');
    expect(properties.Path).toBe('/x/');
    expect(properties.PermissionsBoundary).toBe('arn:b');
    expect(properties.ManagedPolicyArns).toEqual(['arn:m', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] }]);
  });

  test('log groups skip disableLogs and carry retention', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    addLogGroups(builder, provider({ logRetentionInDays: 14 }), { 'my-func': fn('svc-dev-my-func'), quiet: fn('q', { disableLogs: true }), kept: fn('k', { logRetentionInDays: 3 }) });
    expect(builder.template.Resources).toEqual({
      MyDashfuncLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/svc-dev-my-func', RetentionInDays: 14 } },
      KeptLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/k', RetentionInDays: 3 } },
    });
  });
});

describe('functions', () => {
  const code = () => ({ s3Bucket: { Ref: 'ServerlessDeploymentBucket' }, s3Key: 'dir/svc.zip', sha256: 'abc=' });

  test('properties in v3 order with provider defaults merged, version and output', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    compileFunctions({
      builder,
      provider: provider({ runtime: 'nodejs20.x', environment: { A: '1' }, tags: { t: 'p' } }),
      functions: { 'user-create_v2': fn('svc-dev-user-create_v2', { memorySize: 256, timeout: 10, environment: { B: '2' }, tags: { u: 'f' }, description: 'Creates' }) },
      code,
    });
    const resource = builder.getResource('UserDashcreateUnderscorev2LambdaFunction')!;
    expect(Object.keys(resource.Properties!)).toEqual(['Code', 'Handler', 'Runtime', 'FunctionName', 'MemorySize', 'Timeout', 'Description', 'Tags', 'Environment', 'Role']);
    expect(resource.Properties!.Environment).toEqual({ Variables: { A: '1', B: '2' } });
    expect(resource.Properties!.Tags).toEqual([{ Key: 't', Value: 'p' }, { Key: 'u', Value: 'f' }]);
    expect(resource.DependsOn).toEqual(['UserDashcreateUnderscorev2LogGroup']);
    const versionId = Object.keys(builder.template.Resources).find((id) => id.startsWith('UserDashcreateUnderscorev2LambdaVersion'))!;
    expect(builder.getResource(versionId)).toEqual({ Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain', Properties: { FunctionName: { Ref: 'UserDashcreateUnderscorev2LambdaFunction' }, CodeSha256: 'abc=', Description: 'Creates' } });
    expect(builder.template.Outputs.UserDashcreateUnderscorev2LambdaFunctionQualifiedArn).toEqual({ Description: 'Current Lambda function version', Value: { Ref: versionId } });
  });

  test('defaults: Stratus runtime, 1024 MB, 6 s; versionFunctions false skips versions', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    compileFunctions({ builder, provider: provider({ versionFunctions: false }), functions: { a: fn('a') }, code });
    const properties = builder.getResource('ALambdaFunction')!.Properties!;
    expect([properties.Runtime, properties.MemorySize, properties.Timeout]).toEqual(['nodejs22.x', 1024, 6]);
    expect(Object.keys(builder.template.Resources)).toEqual(['ALambdaFunction']);
  });

  test('roles: ARN as is, logical id → GetAtt + DependsOn, GetAtt → DependsOn on its target', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    compileFunctions({
      builder,
      provider: provider(),
      functions: { a: fn('a', { role: 'arn:aws:iam::1:role/r' }), b: fn('b', { role: 'MyRole' }), c: fn('c', { role: { 'Fn::GetAtt': ['Other', 'Arn'] }, disableLogs: true }) },
      code,
    });
    expect(builder.getResource('ALambdaFunction')!.Properties!.Role).toBe('arn:aws:iam::1:role/r');
    expect(builder.getResource('BLambdaFunction')!.Properties!.Role).toEqual({ 'Fn::GetAtt': ['MyRole', 'Arn'] });
    expect(builder.getResource('BLambdaFunction')!.DependsOn).toEqual(['BLogGroup', 'MyRole']);
    expect(builder.getResource('CLambdaFunction')!.DependsOn).toEqual(['Other']);
  });

  test('vpc needs both lists and a function can opt out; tracing adds X-Ray permissions', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    const p = provider({ vpc: { securityGroupIds: ['sg'], subnetIds: ['sn'] }, tracing: { lambda: true } });
    addExecutionRole(builder, 'svc', 'dev', p, { a: fn('svc-dev-a'), b: fn('svc-dev-b', { vpc: null }) });
    compileFunctions({ builder, provider: p, functions: { a: fn('svc-dev-a'), b: fn('svc-dev-b', { vpc: null }) }, code });
    expect(builder.getResource('ALambdaFunction')!.Properties!.VpcConfig).toEqual({ SecurityGroupIds: ['sg'], SubnetIds: ['sn'] });
    expect(builder.getResource('BLambdaFunction')!.Properties!.VpcConfig).toBeUndefined();
    expect(builder.getResource('ALambdaFunction')!.Properties!.TracingConfig).toEqual({ Mode: 'Active' });
    expect(JSON.stringify(builder.getResource('IamRoleLambdaExecution'))).toContain('xray:PutTraceSegments');
  });

  test('provisioned concurrency adds an alias and event sources target it', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    const functions = { a: fn('a', { provisionedConcurrency: 2 }) };
    compileFunctions({ builder, provider: provider({ versionFunctions: false }), functions, code });
    expect(builder.getResource('AProvConcLambdaAlias')!.Properties!.ProvisionedConcurrencyConfig).toEqual({ ProvisionedConcurrentExecutions: 2 });
    expect(functionTargetArn('a', functions.a)).toEqual({ 'Fn::Join': [':', [{ 'Fn::GetAtt': ['ALambdaFunction', 'Arn'] }, 'provisioned']] });
  });

  test('function URLs and destinations', () => {
    const builder = new TemplateBuilder(emptyTemplate());
    compileFunctions({ builder, provider: provider({ versionFunctions: false }), functions: { a: fn('a', { url: true, destinations: { onFailure: 'arn:aws:sqs:us-east-1:1:q' } }) }, code });
    expect(builder.getResource('ALambdaFunctionUrl')!.Properties).toEqual({ AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['ALambdaFunction', 'Arn'] } });
    expect(builder.getResource('ALambdaPermissionFnUrl')!.Properties!.Action).toBe('lambda:InvokeFunctionUrl');
    expect(builder.getResource('ALambdaEvConf')!.Properties!.DestinationConfig).toEqual({ OnFailure: { Destination: 'arn:aws:sqs:us-east-1:1:q' } });
  });
});

describe('finalize', () => {
  test('framework outputs get export names; user outputs merged after do not', () => {
    const template = emptyTemplate();
    template.Outputs.ServerlessDeploymentBucketName = { Value: 'b' };
    addExportNamesToOutputs(template, 'svc', 'dev');
    mergeCustomResources(template, { Outputs: { Mine: { Value: 'x' } } }, 'serverless.yml');
    expect(template.Outputs.ServerlessDeploymentBucketName!.Export).toEqual({ Name: 'sls-svc-dev-ServerlessDeploymentBucketName' });
    expect(template.Outputs.Mine).toEqual({ Value: 'x' });
  });

  test('resources deep-merge (user values win), extensions, null stripping', () => {
    const template = emptyTemplate();
    template.Resources.ALambdaFunction = { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 1024, Environment: { Variables: { A: '1' } } }, DependsOn: ['ALogGroup'] };
    mergeCustomResources(
      template,
      {
        Resources: { ALambdaFunction: { Properties: { MemorySize: 512, Environment: { Variables: { B: '2' } }, Description: null } }, Table: { Type: 'AWS::DynamoDB::Table' } },
        Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } },
        extensions: { ALambdaFunction: { Properties: { Timeout: 30 }, DependsOn: ['Table'], DeletionPolicy: 'Retain' } },
      },
      'serverless.yml',
    );
    stripNullProperties(template);
    expect(template.Resources.ALambdaFunction).toEqual({
      Type: 'AWS::Lambda::Function',
      Properties: { MemorySize: 512, Environment: { Variables: { A: '1', B: '2' } }, Timeout: 30 },
      DependsOn: ['ALogGroup', 'Table'],
      DeletionPolicy: 'Retain',
    });
    expect(template.Conditions).toEqual({ IsProd: { 'Fn::Equals': ['a', 'b'] } });
  });

  test('an extension of a missing resource names it', () => {
    expect(() => mergeCustomResources(emptyTemplate(), { extensions: { Nope: { Properties: {} } } }, 'serverless.yml')).toThrow('resources.extensions.Nope in serverless.yml');
  });
});
