import { checkYaml, withProvider } from './__fixtures__/validate';
import { awsProviderSchema } from './index';

/** v3.40's AWS `provider` keys (reference/variables.md §7). */
const V3_PROVIDER_KEYS = [
  'name', 'alb', 'apiGateway', 'apiName', 'architecture', 'cfnRole', 'cloudFront', 'deploymentBucket', 'deploymentPrefix',
  'disableRollback', 'endpointType', 'environment', 'eventBridge', 'httpApi', 'iam', 'iamManagedPolicies', 'iamRoleStatements',
  'ecr', 'kmsKeyArn', 'lambdaHashingVersion', 'layers', 'logRetentionInDays', 'logDataProtectionPolicy', 'logs', 'memorySize',
  'notificationArns', 'profile', 'region', 'role', 'rolePermissionsBoundary', 'rollbackConfiguration', 'runtime', 'runtimeManagement',
  'deploymentMethod', 's3', 'stage', 'stackName', 'stackParameters', 'stackPolicy', 'stackTags', 'tags', 'timeout', 'tracing', 'vpc',
  'vpcEndpointIds', 'versionFunctions', 'websocket', 'websocketsApiName', 'kinesis', 'websocketsApiRouteSelectionExpression',
  'websocketsDescription',
];

describe('provider keys', () => {
  test("every v3 provider key is known (name and stage come from the core's own provider schema)", () => {
    const ours = Object.keys(awsProviderSchema.provider.properties!);
    const missing = V3_PROVIDER_KEYS.filter((key) => !ours.includes(key) && key !== 'name' && key !== 'stage');
    expect(missing).toEqual([]);
    expect(ours).not.toContain('name');
    expect(ours).not.toContain('stage');
    expect(awsProviderSchema.provider.additionalProperties).toBe(false);
  });

  test('a misspelt key is reported at the key, with the closest known one', () => {
    const { problems } = checkYaml(withProvider('  runtime: nodejs20.x', '  memorySiz: 512'));
    expect(problems).toEqual([
      {
        path: 'provider.memorySiz',
        message: "unrecognized property 'memorySiz'",
        suggestion: 'memorySize',
        location: { file: 'serverless.yml', line: 5, column: 3 },
      },
    ]);
  });

  test('an unknown key with no close match (v3: provider.cfLogs) is reported without a suggestion', () => {
    expect(checkYaml(withProvider('  cfLogs: true')).brief).toEqual(["provider.cfLogs: unrecognized property 'cfLogs'"]);
  });

  test('a valid provider section has no problems', () => {
    const { brief } = checkYaml(
      withProvider(
        '  stage: dev',
        '  region: eu-central-1',
        '  profile: work',
        '  runtime: nodejs20.x',
        '  architecture: arm64',
        '  memorySize: 1024',
        '  timeout: 30',
        '  stackName: my-service-dev',
        '  deploymentPrefix: sls',
        '  deploymentMethod: direct',
        '  versionFunctions: false',
        '  logRetentionInDays: 14',
        '  disableRollback: true',
        '  tags: { team: core, cost: 42 }',
        '  stackTags: { app: x }',
        '  kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/abc',
        '  notificationArns: [arn:aws:sns:us-east-1:123456789012:topic]',
        '  lambdaHashingVersion: 20201221',
        '  runtimeManagement: auto',
        '  tracing: { lambda: Active, apiGateway: true }',
        '  layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1, { Ref: CommonLambdaLayer }]',
        '  logs:',
        '    restApi: { accessLogging: true, level: INFO, role: arn:aws:iam::123456789012:role/logs }',
        '    httpApi: true',
        '    websocket: false',
        '    frameworkLambda: true',
        '    lambda: { logFormat: JSON, applicationLogLevel: WARN }',
        '  stackPolicy:',
        '    - { Effect: Allow, Principal: "*", Action: "Update:*", Resource: "*" }',
        '  stackParameters:',
        '    - { ParameterKey: Env, ParameterValue: dev }',
        '  rollbackConfiguration:',
        '    MonitoringTimeInMinutes: 5',
        '    RollbackTriggers: [{ Arn: arn:aws:cloudwatch:us-east-1:123456789012:alarm:x, Type: AWS::CloudWatch::Alarm }]',
      ),
    );
    expect(brief).toEqual([]);
  });
});

describe('numbers', () => {
  test('memorySize: a numeric string is coerced to an integer; anything else is a problem', () => {
    const { configuration, brief } = checkYaml(withProvider('  memorySize: "2048"'));
    expect(brief).toEqual([]);
    expect((configuration.provider as Record<string, unknown>).memorySize).toBe(2048);
    expect(checkYaml(withProvider('  memorySize: lots')).brief).toEqual(['provider.memorySize: must be integer']);
    expect(checkYaml(withProvider('  memorySize: 64')).brief).toEqual(['provider.memorySize: must be >= 128']);
  });

  test('timeout above 900 s explains the Lambda limit; 900 is fine', () => {
    expect(checkYaml(withProvider('  timeout: 900')).brief).toEqual([]);
    const { problems } = checkYaml(withProvider('  timeout: 901'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('provider.timeout');
    expect(problems[0]!.message).toMatch(/Lambda allows at most 900 s/);
    expect(checkYaml(withProvider('  timeout: 0')).brief).toEqual(['provider.timeout: must be >= 1']);
  });

  test('logRetentionInDays must be a CloudWatch retention period', () => {
    expect(checkYaml(withProvider('  logRetentionInDays: "30"')).brief).toEqual([]);
    expect(checkYaml(withProvider('  logRetentionInDays: 15')).brief).toEqual([
      'provider.logRetentionInDays: must be equal to one of the allowed values [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]',
    ]);
  });
});

describe('enumerations', () => {
  test.each(['nodejs22.x', 'nodejs20.x', 'python3.13', 'python3.11', 'java21', 'provided.al2023', 'ruby3.3'])('runtime %s is accepted', (runtime) => {
    expect(checkYaml(withProvider(`  runtime: ${runtime}`)).brief).toEqual([]);
  });

  test('an unknown runtime lists the allowed ones', () => {
    const [problem] = checkYaml(withProvider('  runtime: nodejs8.10')).problems;
    expect(problem!.path).toBe('provider.runtime');
    expect(problem!.message).toMatch(/^must be equal to one of the allowed values \[nodejs14\.x, .*nodejs22\.x.*python3\.13.*\]$/);
  });

  test.each(['REGIONAL', 'regional', 'Edge', 'private'])('endpointType %s is accepted, in any case', (endpointType) => {
    expect(checkYaml(withProvider(`  endpointType: ${endpointType}`)).brief).toEqual([]);
  });

  test('an unknown endpointType is a problem', () => {
    expect(checkYaml(withProvider('  endpointType: global')).brief).toEqual([
      "provider.endpointType: value 'global' does not satisfy pattern /^(REGIONAL|EDGE|PRIVATE)$/i",
    ]);
  });

  test('architecture, deploymentMethod and tracing.lambda', () => {
    expect(checkYaml(withProvider('  architecture: arm')).brief).toEqual(['provider.architecture: must be equal to one of the allowed values [x86_64, arm64]']);
    expect(checkYaml(withProvider('  deploymentMethod: changeset')).brief).toEqual(['provider.deploymentMethod: must be equal to one of the allowed values [changesets, direct]']);
    expect(checkYaml(withProvider('  tracing: { lambda: true }')).brief).toEqual([]);
    expect(checkYaml(withProvider('  tracing: { lambda: Activ }')).brief).toEqual(['provider.tracing.lambda: must be equal to one of the allowed values [Active, PassThrough]']);
  });

  test('stackName and region patterns', () => {
    expect(checkYaml(withProvider('  stackName: 1-stack')).brief).toEqual(['provider.stackName: must match pattern "^[a-zA-Z][a-zA-Z0-9-]{0,127}$"']);
    expect(checkYaml(withProvider('  region: us-gov-west-1')).brief).toEqual([]);
    expect(checkYaml(withProvider('  region: useast1')).problems.map((p) => p.path)).toEqual(['provider.region']);
  });
});

describe('environment', () => {
  test('strings, numbers, booleans and intrinsics; numbers and booleans become strings, as in the v3 template', () => {
    const { configuration, brief } = checkYaml(
      withProvider('  environment:', '    A: text', '    B: 4096', '    C: true', '    D: { Ref: Table }', '    E: !GetAtt Table.Arn', '    F: { "Fn::Join": ["-", [a, { Ref: AWS::Region }]] }'),
    );
    expect(brief).toEqual([]);
    expect((configuration.provider as Record<string, Record<string, unknown>>).environment).toEqual({
      A: 'text',
      B: '4096',
      C: 'true',
      D: { Ref: 'Table' },
      E: { 'Fn::GetAtt': ['Table', 'Arn'] },
      F: { 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }]] },
    });
  });

  test('an invalid variable name, an object that is no intrinsic, and a malformed intrinsic', () => {
    expect(checkYaml(withProvider('  environment:', '    my-var: x', '    A: { Fn::Joinx: [] }', '    B: { Fn::Join: [x] }')).brief).toEqual([
      "provider.environment.my-var: unrecognized property 'my-var'",
      'provider.environment.A: unsupported configuration format',
      'provider.environment.B.Fn::Join: must NOT have fewer than 2 items',
    ]);
  });
});

describe('iam', () => {
  test('iam.role as an ARN, a logical id, an intrinsic, or an object', () => {
    expect(checkYaml(withProvider('  iam:', '    role: arn:aws:iam::501921308880:role/lambdaRoleToS3')).brief).toEqual([]);
    expect(checkYaml(withProvider('  iam:', '    role: MyRole')).brief).toEqual([]);
    expect(checkYaml(withProvider('  iam:', '    role: !GetAtt MyRole.Arn', '    deploymentRole: arn:aws:iam::123456789012:role/deploy')).brief).toEqual([]);
    const { brief } = checkYaml(
      withProvider(
        '  iam:',
        '    role:',
        '      name: my-role',
        '      path: /team/',
        '      statements:',
        '        - Effect: Allow',
        '          Action: s3:GetObject',
        '          Resource: arn:aws:s3:::bucket/*',
        '        - Effect: Deny',
        '          NotAction: [iam:*]',
        '          NotResource: "*"',
        '      managedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
        '      permissionsBoundary: arn:aws:iam::123456789012:policy/boundary',
        '      tags: { a: b }',
      ),
    );
    expect(brief).toEqual([]);
  });

  test('statement problems: misspelt key, missing Action, bad Effect, a resource that is no ARN', () => {
    expect(
      checkYaml(
        withProvider(
          '  iam:',
          '    role:',
          '      statement: []',
          '  iamRoleStatements:',
          '    - Effect: Allow',
          '      Resource: "*"',
          '    - Effect: Allows',
          '      Action: x',
          '      Resource: ""',
        ),
      ).brief,
    ).toEqual([
      "provider.iam.role.statement: unrecognized property 'statement' (statements)",
      "provider.iamRoleStatements.0: must have required property 'Action'",
      'provider.iamRoleStatements.1.Effect: must be equal to one of the allowed values [Allow, Deny]',
      'provider.iamRoleStatements.1.Resource.0: must match pattern "^arn:"',
    ]);
  });

  test('as v3 compiles them: a lone Action becomes a list, a one-item Resource list its item; intrinsics stay', () => {
    const { configuration, brief } = checkYaml(
      withProvider('  iamRoleStatements:', '    - Effect: Allow', '      Action: s3:*', '      Resource: { "Fn::Join": ["", ["arn:aws:s3:::", { Ref: Bucket }, "/*"]] }'),
    );
    expect(brief).toEqual([]);
    const statement = (configuration.provider as { iamRoleStatements: Array<Record<string, unknown>> }).iamRoleStatements[0]!;
    expect(statement.Action).toEqual(['s3:*']);
    expect(statement.Resource).toEqual({ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Bucket' }, '/*']] });
  });

  test('the legacy keys are accepted', () => {
    expect(
      checkYaml(
        withProvider(
          '  role: arn:aws:iam::123456789012:role/x',
          '  cfnRole: arn:aws:iam::123456789012:role/cfn',
          '  rolePermissionsBoundary: { "Fn::Sub": "arn:aws:iam::${AWS::AccountId}:policy/b" }',
          '  iamManagedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
        ),
      ).brief,
    ).toEqual([]);
  });
});

describe('deploymentBucket, vpc and the APIs', () => {
  test('deploymentBucket as a name or an object (with v3 spelling of sseCustomerAlgorithim)', () => {
    expect(checkYaml(withProvider('  deploymentBucket: my.bucket-1')).brief).toEqual([]);
    expect(
      checkYaml(
        withProvider(
          '  deploymentBucket:',
          '    name: my-bucket',
          '    maxPreviousDeploymentArtifacts: 10',
          '    blockPublicAccess: true',
          '    skipPolicySetup: false',
          '    versioning: true',
          '    serverSideEncryption: aws:kms',
          '    sseKMSKeyId: key',
          '    sseCustomerAlgorithim: AES256',
          '    tags: { a: b }',
        ),
      ).brief,
    ).toEqual([]);
    expect(checkYaml(withProvider('  deploymentBucket:', '    name: my-bucket', '    blockPublicAcess: true')).brief).toEqual([
      "provider.deploymentBucket.blockPublicAcess: unrecognized property 'blockPublicAcess' (blockPublicAccess)",
    ]);
    expect(checkYaml(withProvider('  deploymentBucket: My_Bucket')).problems.map((p) => p.path)).toEqual(['provider.deploymentBucket']);
  });

  test('vpc ids as lists (a lone id is coerced) or intrinsics', () => {
    const { configuration, brief } = checkYaml(withProvider('  vpc:', '    securityGroupIds: sg-1', '    subnetIds: { "Fn::Split": [",", { "Fn::ImportValue": subnets }] }'));
    expect(brief).toEqual([]);
    expect((configuration.provider as { vpc: Record<string, unknown> }).vpc.securityGroupIds).toEqual(['sg-1']);
    expect(checkYaml(withProvider('  vpc:', '    subnetId: [a]')).brief).toEqual(["provider.vpc.subnetId: unrecognized property 'subnetId' (subnetIds)"]);
    expect(checkYaml(withProvider('  vpcEndpointIds: [vpce-1, { Ref: Endpoint }]')).brief).toEqual([]);
  });

  test('apiGateway: an imported REST API, keys, usage plans and settings', () => {
    const { brief } = checkYaml(
      withProvider(
        '  apiGateway:',
        '    restApiId: { "Fn::ImportValue": SharedGW-restApiId }',
        '    restApiRootResourceId: { "Fn::ImportValue": SharedGW-rootResourceId }',
        '    restApiResources: { /users: abc123 }',
        '    apiKeys:',
        '      - simple',
        '      - { name: full, value: abcdefghijklmnopqrstuvwxyz, enabled: true }',
        '      - free: [freeKey]',
        '    usagePlan:',
        '      - free: { quota: { limit: 100, period: DAY }, throttle: { burstLimit: 10, rateLimit: 5 } }',
        '    apiKeySourceType: header',
        '    binaryMediaTypes: [image/png, "*/*"]',
        '    minimumCompressionSize: 1024',
        '    shouldStartNameWithService: true',
        '    description: API',
        '    metrics: true',
        '    disableDefaultEndpoint: false',
        '    resourcePolicy:',
        '      - { Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: [execute-api:/*] }',
        '    request: { schemas: { user: { schema: { type: object }, name: User } } }',
        '  apiName: my-api',
      ),
    );
    expect(brief).toEqual([]);
    expect(checkYaml(withProvider('  apiGateway:', '    restApiID: x')).brief).toEqual(["provider.apiGateway.restApiID: unrecognized property 'restApiID' (restApiId)"]);
    expect(checkYaml(withProvider('  apiGateway:', '    minimumCompressionSize: -1')).brief).toEqual(['provider.apiGateway.minimumCompressionSize: must be >= 0']);
  });

  test('httpApi, websocket, alb, cloudFront, eventBridge, kinesis, s3 and ecr', () => {
    const { brief } = checkYaml(
      withProvider(
        '  httpApi:',
        '    id: { "Fn::ImportValue": api }',
        "    payload: '2.0'",
        '    cors: { allowedOrigins: [https://x.com], allowCredentials: true, maxAge: 60 }',
        '    authorizers:',
        '      jwt: { type: jwt, identitySource: $request.header.Authorization, issuerUrl: https://issuer, audience: [a, b] }',
        '    metrics: true',
        '  websocket: { useProviderTags: true }',
        '  websocketsApiName: ws',
        '  websocketsApiRouteSelectionExpression: $request.body.action',
        '  websocketsDescription: d',
        '  alb: { targetGroupPrefix: tg, authorizers: { cog: { type: cognito, userPoolArn: x } } }',
        '  cloudFront: { cachePolicies: { p: { DefaultTTL: 60, MinTTL: 0, MaxTTL: 600 } } }',
        '  eventBridge: { useCloudFormation: true }',
        '  kinesis: { consumerNamingMode: serviceSpecific }',
        '  s3: { photos: { name: my-photos, versioningConfiguration: { Status: Enabled } } }',
        '  ecr: { scanOnPush: true, images: { app: { path: ./, platform: linux/arm64 } } }',
      ),
    );
    expect(brief).toEqual([]);
    expect(checkYaml(withProvider('  httpApi: { cors: { allowOrigins: [x] } }')).brief).toEqual([
      "provider.httpApi.cors.allowOrigins: unrecognized property 'allowOrigins' (allowedOrigins)",
    ]);
  });
});
