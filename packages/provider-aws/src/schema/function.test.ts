import { ConfigSchemaHandler, validateConfiguration, type JsonSchema } from '@stratus/core/dist/schema';
import { brief, checkYaml, withFunction } from './__fixtures__/validate';
import { awsProviderSchema, createAwsProviderSchema } from './index';

/** v3.40's AWS function keys (reference/variables.md §7), plus `httpApi`. */
const V3_FUNCTION_KEYS = [
  'name', 'events', 'architecture', 'awsKmsKeyArn', 'condition', 'dependsOn', 'description', 'destinations', 'disableLogs',
  'environment', 'ephemeralStorageSize', 'fileSystemConfig', 'handler', 'image', 'kmsKeyArn', 'snapStart', 'layers',
  'logRetentionInDays', 'logDataProtectionPolicy', 'maximumEventAge', 'maximumRetryAttempts', 'memorySize', 'onError', 'package',
  'provisionedConcurrency', 'reservedConcurrency', 'role', 'runtime', 'runtimeManagement', 'tags', 'timeout', 'tracing', 'url',
  'versionFunction', 'vpc', 'httpApi',
];

describe('function keys', () => {
  test('every v3 function key is known; events stay with the core', () => {
    const ours = Object.keys(awsProviderSchema.function.properties!);
    expect(V3_FUNCTION_KEYS.filter((key) => !ours.includes(key) && key !== 'events')).toEqual([]);
    expect(ours).not.toContain('events');
    expect(awsProviderSchema.function.additionalProperties).toBe(false);
  });

  test('a full function has no problems', () => {
    const { brief: problems } = checkYaml(
      withFunction(
        '    handler: src/hello.main',
        '    name: my-service-dev-hello',
        '    description: Says hello',
        '    runtime: python3.12',
        '    architecture: arm64',
        '    memorySize: 256',
        '    timeout: 900',
        '    ephemeralStorageSize: 10240',
        '    environment: { A: b, N: 1 }',
        '    role: arn:aws:iam::123456789012:role/r',
        '    layers: [{ Ref: CommonLambdaLayer }]',
        '    vpc: { securityGroupIds: [sg-1], subnetIds: [subnet-1] }',
        '    tags: { a: b }',
        '    reservedConcurrency: 5',
        '    provisionedConcurrency: 1',
        '    destinations: { onSuccess: otherFunction, onFailure: { type: sqs, arn: { "Fn::GetAtt": [Queue, Arn] } } }',
        '    onError: arn:aws:sns:us-east-1:123456789012:dlq',
        '    maximumEventAge: 3600',
        '    maximumRetryAttempts: 0',
        '    url: { authorizer: aws_iam, cors: { allowedOrigins: ["*"] }, invokeMode: RESPONSE_STREAM }',
        '    disableLogs: false',
        '    logRetentionInDays: 7',
        '    package: { patterns: ["!tests/**"], artifact: build/hello.zip, individually: true }',
        '    kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/k',
        '    condition: IsProd',
        '    dependsOn: Table',
        '    fileSystemConfig: { arn: arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1, localMountPath: /mnt/data }',
        '    snapStart: true',
        '    tracing: PassThrough',
        '    runtimeManagement: { mode: manual, arn: arn:aws:lambda:us-east-1::runtime:abc }',
        '    versionFunction: false',
        '    events: []',
      ),
    );
    expect(problems).toEqual([]);
  });

  test('a misspelt key is reported with the closest one', () => {
    const { problems } = checkYaml(withFunction('    handler: h.main', '    memorySze: 512'));
    expect(problems).toEqual([
      {
        path: 'functions.hello.memorySze',
        message: "unrecognized property 'memorySze'",
        suggestion: 'memorySize',
        location: { file: 'serverless.yml', line: 7, column: 5 },
      },
    ]);
  });

  test('memorySize: a numeric string is coerced', () => {
    const { configuration, brief: problems } = checkYaml(withFunction('    handler: h.main', '    memorySize: "512"'));
    expect(problems).toEqual([]);
    expect((configuration.functions as Record<string, Record<string, unknown>>).hello!.memorySize).toBe(512);
  });
});

describe('timeout', () => {
  test('901 is a problem at the key that says Lambda allows at most 900 s', () => {
    const { problems } = checkYaml(withFunction('    handler: h.main', '    timeout: 901'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'functions.hello.timeout', location: { line: 7, column: 5 } });
    expect(problems[0]!.message).toContain('Lambda allows at most 900 s');
  });

  test('a numeric string above the limit is caught after coercion; 1 and 900 are fine; 0 and 1.5 are not', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    timeout: "3600"')).problems[0]!.message).toContain('Lambda allows at most 900 s');
    expect(checkYaml(withFunction('    handler: h.main', '    timeout: 1')).brief).toEqual([]);
    expect(checkYaml(withFunction('    handler: h.main', '    timeout: 900')).brief).toEqual([]);
    expect(checkYaml(withFunction('    handler: h.main', '    timeout: 0')).brief).toEqual(['functions.hello.timeout: must be >= 1']);
    expect(checkYaml(withFunction('    handler: h.main', '    timeout: 1.5')).brief).toEqual(['functions.hello.timeout: must be integer']);
  });
});

describe('handler or image', () => {
  /** A root schema holding only `functions`, validated by the core's own validator. */
  function functionsOnly(): JsonSchema {
    const schema = createAwsProviderSchema();
    return { type: 'object', definitions: schema.definitions, properties: { functions: { type: 'object', additionalProperties: schema.function } } };
  }
  const validateFunctions = (functions: Record<string, unknown>) =>
    brief(validateConfiguration({ configuration: { functions }, schema: functionsOnly(), mode: 'warn', fileName: 'serverless.yml', locate: () => ({ file: 'serverless.yml' }) }));

  test('the function schema requires handler when there is no image, in words a user can act on', () => {
    expect(validateFunctions({ hello: { description: 'no code' } })).toEqual(["functions.hello: must have required property 'handler'"]);
    expect(validateFunctions({ hello: { handler: 'h.main' } })).toEqual([]);
    expect(validateFunctions({ hello: { image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest' } })).toEqual([]);
    expect(validateFunctions({ hello: { image: { name: 'app', command: ['app.handler'] } } })).toEqual([]);
  });

  test('image as a URI or name, or an object with overrides', () => {
    expect(checkYaml(withFunction('    image: { uri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc, entryPoint: [/entry], workingDirectory: /app }')).brief).toEqual([]);
    expect(checkYaml(withFunction('    image: { name: app, comand: [x] }')).brief).toEqual(["functions.hello.image.comand: unrecognized property 'comand' (command)"]);
  });

  test('through ConfigSchemaHandler, a function with neither handler nor image is a problem', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('@stratus/provider-aws').defineProvider('aws', createAwsProviderSchema());
    const problems = validateConfiguration({
      configuration: { service: 'svc', provider: { name: 'aws' }, functions: { hello: { description: 'no code' } } },
      schema: handler.schema,
      mode: 'warn',
      fileName: 'serverless.yml',
      locate: () => ({ file: 'serverless.yml' }),
    });
    expect(brief(problems)).toEqual(["functions.hello: must have required property 'handler'"]);
  });
});

describe('other function settings', () => {
  test('vpc: an object, or false to opt out of the provider VPC (null is ignored)', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    vpc: false')).brief).toEqual([]);
    expect(checkYaml(withFunction('    handler: h.main', '    vpc: ~')).brief).toEqual([]);
    expect(checkYaml(withFunction('    handler: h.main', '    vpc: true')).brief).toEqual(['functions.hello.vpc: unsupported configuration format']);
  });

  test('url: true, or an object with aws_iam auth, cors and invoke mode', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    url: true')).brief).toEqual([]);
    expect(checkYaml(withFunction('    handler: h.main', '    url: { authorizer: cognito }')).brief).toEqual([
      'functions.hello.url.authorizer: must be equal to one of the allowed values [aws_iam]',
    ]);
    expect(checkYaml(withFunction('    handler: h.main', '    url: { invokeMode: STREAM }')).brief).toEqual([
      'functions.hello.url.invokeMode: must be equal to one of the allowed values [BUFFERED, RESPONSE_STREAM]',
    ]);
  });

  test('destinations: a misspelt target key and a bad type', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    destinations: { onFailur: x }')).brief).toEqual([
      "functions.hello.destinations.onFailur: unrecognized property 'onFailur' (onFailure)",
    ]);
    expect(checkYaml(withFunction('    handler: h.main', '    destinations: { onFailure: { type: lambda, arn: arn:aws:lambda:x } }')).brief).toEqual([
      'functions.hello.destinations.onFailure.type: must be equal to one of the allowed values [function, sns, sqs, eventBus]',
    ]);
  });

  test('ranges: ephemeralStorageSize, maximumRetryAttempts, maximumEventAge', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    ephemeralStorageSize: 511', '    maximumRetryAttempts: 3', '    maximumEventAge: 59')).brief).toEqual([
      'functions.hello.ephemeralStorageSize: must be >= 512',
      'functions.hello.maximumRetryAttempts: must be <= 2',
      'functions.hello.maximumEventAge: must be >= 60',
    ]);
  });

  test('package: a misspelt key is reported', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    package: { individualy: true }')).brief).toEqual([
      "functions.hello.package.individualy: unrecognized property 'individualy' (individually)",
    ]);
  });

  test('name: Lambda name characters only', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    name: my.function')).brief).toEqual(['functions.hello.name: must match pattern "^[a-zA-Z0-9-_]+$"']);
  });

  test('fileSystemConfig needs both the access point and the mount path under /mnt', () => {
    expect(checkYaml(withFunction('    handler: h.main', '    fileSystemConfig: { localMountPath: /data }')).brief).toEqual([
      "functions.hello.fileSystemConfig: must have required property 'arn'",
      'functions.hello.fileSystemConfig.localMountPath: must match pattern "^/mnt/[a-zA-Z0-9-_.]+$"',
    ]);
  });
});
