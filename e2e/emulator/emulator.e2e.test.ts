/**
 * The e2e suite's local AWS: moto 5.2.5 in server mode on 127.0.0.1 (packages/testing/src/moto-server.ts),
 * started once per jest run by support/global-setup.ts, and cfn-lint 1.58.0 (support/cfn-lint.ts).
 * This file proves the harness over the real wire protocol (AWS SDK v3 clients, and SigV4-signed
 * raw requests for services the suite has no client for), and records what moto's CloudFormation
 * can do for Stratus. One test per capability that works; what does not work is only noted here.
 *
 * What moto 5.2.5 does with what Stratus (Serverless v3 templates) needs:
 *
 * | capability                                   | works | notes                                                            |
 * |----------------------------------------------|-------|------------------------------------------------------------------|
 * | AWS::S3::Bucket                              | yes   | BucketName, BucketEncryption, Tags applied                       |
 * | AWS::S3::Bucket NotificationConfiguration    | NO    | property ignored: the bucket has no notification configuration   |
 * | AWS::S3::BucketPolicy                        | NO    | type unsupported: skipped, no policy; its DescribeStackResources entry has no LogicalResourceId/Type |
 * | AWS::IAM::Role (+ inline Policies)           | yes   |                                                                  |
 * | AWS::Logs::LogGroup                          | yes   | RetentionInDays applied                                          |
 * | AWS::Lambda::Function (S3 zip, nodejs20.x)   | yes   | code read from moto's S3; CodeSize/CodeSha256 of the zip         |
 * | AWS::Lambda::Version                         | yes   | version "1" published; but Ref returns the LOGICAL id, not the version ARN, and no PhysicalResourceId |
 * | AWS::Lambda::Permission                      | yes   | statement added to the function policy (no PhysicalResourceId)   |
 * | AWS::Events::Rule (+ Targets)                | yes   | schedule expression, state, targets                              |
 * | AWS::SNS::Topic (+ inline Subscription)      | yes   |                                                                  |
 * | AWS::SNS::Subscription (separate resource)   | NO    | type unsupported: skipped, no subscription                       |
 * | AWS::ApiGateway::RestApi/Resource/Method     | yes   | Method integration (AWS_PROXY + Uri) kept; Method has no PhysicalResourceId |
 * | AWS::ApiGateway::Deployment (StageName)      | yes   | deployment + stage created (AWS::ApiGateway::Stage itself is unsupported) |
 * | AWS::SQS::Queue                              | yes   | physical id is an https://sqs.us-east-1.amazonaws.com/... URL    |
 * | AWS::DynamoDB::Table                         | yes   | ACTIVE at once                                                   |
 * | CreateStack / DescribeStackResources / Delete| yes   | synchronous: CREATE_COMPLETE when CreateStack returns            |
 * | Change sets, type CREATE                     | yes   | stack REVIEW_IN_PROGRESS, change set CREATE_COMPLETE/AVAILABLE   |
 * | Change sets, type UPDATE                     | yes   | Add/Modify changes listed; no-change set FAILED "didn't contain changes" like AWS |
 * | DescribeStackEvents                          | part  | only stack-level events (REVIEW/CREATE/UPDATE_*); no per-resource events, so a resource failure never shows as an event |
 * | ValidateTemplate + TemplateURL               | part  | http://localhost:<port>/bucket/key and AWS-style https://s3(.region).amazonaws.com/bucket/key (read in-process, no network) work; http://127.0.0.1:<port>/bucket/key FAILS (NoSuchBucket: moto only parses path-style when the URL contains "localhost"). Answer has Description only: Parameters and Capabilities always empty. Checks with cfn-lint and rejects the FIRST match of any level, warnings too (W2001 unused parameter), as ValidationError "Stack with id <message> does not exist" |
 * | CreateStack with TemplateURL                 | yes   | same URL rules as ValidateTemplate                               |
 * | UpdateStack                                  | yes   | adds, modifies, removes; BUT a no-op UpdateStack succeeds (AWS: ValidationError "No updates are to be performed.") |
 * | Lambda GetFunction                           | yes   |                                                                  |
 * | Lambda UpdateFunctionCode (S3)               | yes   | new CodeSha256                                                   |
 * | Lambda Invoke without Docker                 | part  | with moto's default config Invoke answers 200 with "error running docker: ..." as payload; the harness sets {lambda:{use_docker:false}} at start so Invoke answers 200 and echoes the event: no function code ever runs |
 *
 * Also: an unsupported resource type never fails a stack (moto only logs a Python warning), so a
 * CREATE_COMPLETE proves nothing by itself: check resources through their service's API.
 * Lambda's Docker setting is process-wide and survives resetMoto; changing it after functions exist
 * makes them unreachable (GetFunction 404, DeleteStack error), so only startMotoServer sets it.
 * S3: with an IP endpoint the SDK addresses buckets path-style even without forcePathStyle.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Output,
  UpdateStackCommand,
  ValidateTemplateCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { awsJson, awsQuery, awsRequest, emulatorClientConfig, emulatorEndpoint, emulatorEnv } from '../support/aws-emulator';
import { lintTemplate } from '../support/cfn-lint';
import { ensurePythonTool, MOTO_TOOL, resetMoto, startMotoServer } from '@stratus/testing';

// One moto server serves every test file of the run: names carry a per-file suffix, and only a
// private server is ever reset.
const RUN = `${process.pid.toString(36)}${Date.now().toString(36)}`.toLowerCase();
const name = (base: string): string => `stratus-${base}-${RUN}`;
const WAIT = { minDelay: 1, maxDelay: 2, maxWaitTime: 60 };

let s3: S3Client;
let cfn: CloudFormationClient;

beforeAll(() => {
  s3 = new S3Client(emulatorClientConfig());
  cfn = new CloudFormationClient(emulatorClientConfig());
});

afterAll(() => {
  s3?.destroy();
  cfn?.destroy();
});

describe('the harness', () => {
  test('publishes a 127.0.0.1 endpoint and fake credentials', () => {
    const endpoint = emulatorEndpoint();
    expect(new URL(endpoint).hostname).toBe('127.0.0.1');
    expect(process.env.AWS_ENDPOINT_URL).toBe(endpoint);
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('testing');
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBe('testing');
    expect(process.env.AWS_REGION).toBe('us-east-1');
    expect(emulatorEnv()).toMatchObject({ AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_REGION: 'us-east-1' });
  });

  test('does not reinstall the Python tools when they are there', async () => {
    const logged: string[] = [];
    const binary = await ensurePythonTool(MOTO_TOOL, { log: (line) => logged.push(line) });
    expect(logged).toEqual([]); // an install would say "installing …"
    expect(path.basename(binary)).toBe('moto_server');
  });

  test('says clearly when Python is missing', async () => {
    const saved = { PATH: process.env.PATH, STRATUS_PYTHON: process.env.STRATUS_PYTHON };
    process.env.PATH = '/nonexistent';
    process.env.STRATUS_PYTHON = '/nonexistent/python3';
    try {
      await expect(ensurePythonTool({ name: `no-python-probe-${RUN}`, packages: ['pip'], binary: 'pip' })).rejects.toThrow(
        /needs Python >= 3\.9 with the venv module and pip[\s\S]*apt-get install python3 python3-venv python3-pip[\s\S]*python3: spawn python3 ENOENT/,
      );
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.STRATUS_PYTHON === undefined) delete process.env.STRATUS_PYTHON;
      else process.env.STRATUS_PYTHON = saved.STRATUS_PYTHON;
    }
  });

  test('a private moto server starts on a free port, resets, and stops', async () => {
    const server = await startMotoServer();
    try {
      expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).not.toBe(Number(new URL(emulatorEndpoint()).port));
      const client = new S3Client({ ...emulatorClientConfig(), endpoint: server.endpoint });
      await client.send(new CreateBucketCommand({ Bucket: 'private' }));
      await client.send(new HeadBucketCommand({ Bucket: 'private' }));
      await resetMoto(server.endpoint);
      await expect(client.send(new HeadBucketCommand({ Bucket: 'private' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
      client.destroy();
    } finally {
      await server.stop();
    }
    await expect(fetch(`${server.endpoint}/moto-api/`)).rejects.toThrow();
    expect(() => process.kill(server.pid, 0)).toThrow();
  });
});

describe('S3 over the wire', () => {
  test('creates a bucket and puts and gets an object, path-style', async () => {
    const bucket = name('objects');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt', Body: 'hello moto', ContentType: 'text/plain' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello moto');
    expect(got.ContentType).toBe('text/plain');

    // Path-style on the wire: the bucket is in the path, the host stays 127.0.0.1.
    const raw = await awsRequest({ service: 's3', path: `/${bucket}/dir/hello.txt` });
    expect(raw.status).toBe(200);
    expect(raw.text).toBe('hello moto');
  });

  test('an IP endpoint gets path-style addressing even without forcePathStyle', async () => {
    const client = new S3Client({ ...emulatorClientConfig(), forcePathStyle: false });
    const bucket = name('nopathstyle');
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'v' }));
    expect(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' }))).Body?.transformToString()).toBe('v');
    client.destroy();
  });
});

describe('CloudFormation over the wire', () => {
  test('creates a tiny stack, describes its resources, deletes it', async () => {
    const stackName = name('tiny');
    const topicName = name('tiny-topic');
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: topicName } } },
      Outputs: { TopicArn: { Value: { Ref: 'Topic' } } },
    };
    const created = await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(template) }));
    expect(created.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:\d{12}:stack\//);
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });

    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
    const topicArn = `arn:aws:sns:us-east-1:123456789012:${topicName}`;
    expect(stack?.Outputs).toEqual([expect.objectContaining({ OutputKey: 'TopicArn', OutputValue: topicArn })]);

    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
    expect(resources.map((r) => [r.LogicalResourceId, r.ResourceType, r.ResourceStatus, r.PhysicalResourceId])).toEqual([
      ['Topic', 'AWS::SNS::Topic', 'CREATE_COMPLETE', topicArn],
    ]);
    expect((await awsQuery('sns', '2010-03-31', 'GetTopicAttributes', { TopicArn: topicArn })).status).toBe(200);

    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    await expect(cfn.send(new DescribeStacksCommand({ StackName: stackName }))).rejects.toThrow(/does not exist/);
    expect((await awsQuery('sns', '2010-03-31', 'GetTopicAttributes', { TopicArn: topicArn })).status).toBe(404);
  });
});

describe('cfn-lint', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-cfn-lint-'));

  test('passes a simple template (warnings do not fail it)', async () => {
    const file = path.join(dir, 'good.yml');
    // Fn::Sub without variables: warning W1020, which does not make the result fail.
    writeFileSync(file, ['Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:', "      TopicName: !Sub 'plain'", ''].join('\n'));
    const result = await lintTemplate(file);
    expect(result).toMatchObject({ ok: true });
    expect(result.matches.map((m) => `${m.level} ${m.rule}`)).toEqual(['Warning W1020']);
  });

  test('fails a broken template and says why', async () => {
    const file = path.join(dir, 'broken.json');
    const template = {
      Resources: {
        Topic: { Type: 'AWS::SNS::Topik' },
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketNam: 'x' } },
      },
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Missing', 'Arn'] } } },
    };
    writeFileSync(file, JSON.stringify(template, null, 2));
    const result = await lintTemplate(file);
    expect(result.ok).toBe(false);
    expect(result.matches.filter((m) => m.level === 'Error').map((m) => m.rule).sort()).toEqual(['E3002', 'E3006', 'E6101']);
    expect(result.output).toContain("Resource type 'AWS::SNS::Topik' does not exist in 'us-east-1'");
  });

  test('fails a file that is not a template', async () => {
    const file = path.join(dir, 'notyaml.yml');
    writeFileSync(file, 'not: [yaml\n');
    expect(await lintTemplate(file)).toMatchObject({ ok: false, matches: [expect.objectContaining({ rule: 'E0000' })] });
  });
});

/**
 * Everything Stratus deploys, in one stack created once; each test then checks one resource type
 * through its own service's API (a CREATE_COMPLETE alone proves nothing with moto).
 */
describe('moto CloudFormation: resource types Stratus needs', () => {
  const stackName = name('kitchen');
  const deployBucket = name('deploy');
  const n = {
    bucket: name('bucket'),
    role: name('role'),
    fn: name('fn'),
    logGroup: `/aws/lambda/${name('fn')}`,
    rule: name('rule'),
    topic: name('topic'),
    api: name('api'),
    queue: name('queue'),
    table: name('table'),
  };
  const code = zip({ 'handler.js': 'exports.hello = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n' });
  let outputs: Record<string, string> = {};

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: deployBucket }));
    await s3.send(new PutObjectCommand({ Bucket: deployBucket, Key: 'serverless/probe/code.zip', Body: code }));
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: n.bucket, Tags: [{ Key: 'STAGE', Value: 'dev' }] } },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: n.role,
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
            },
            Policies: [
              {
                PolicyName: 'dev-probe-lambda',
                PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] },
              },
            ],
          },
        },
        LogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: n.logGroup, RetentionInDays: 14 } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          DependsOn: ['LogGroup'],
          Properties: {
            FunctionName: n.fn,
            Runtime: 'nodejs20.x',
            Handler: 'handler.hello',
            MemorySize: 1024,
            Timeout: 6,
            Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
            Code: { S3Bucket: deployBucket, S3Key: 'serverless/probe/code.zip' },
            Environment: { Variables: { STAGE: 'dev' } },
          },
        },
        FnVersion: { Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain', Properties: { FunctionName: { Ref: 'Fn' }, CodeSha256: sha256Base64(code) } },
        Rule: {
          Type: 'AWS::Events::Rule',
          Properties: { Name: n.rule, ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Targets: [{ Id: 'probeSchedule', Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] },
        },
        RulePermission: {
          Type: 'AWS::Lambda::Permission',
          Properties: { FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['Rule', 'Arn'] } },
        },
        Topic: {
          Type: 'AWS::SNS::Topic',
          Properties: { TopicName: n.topic, Subscription: [{ Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] },
        },
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: n.api, EndpointConfiguration: { Types: ['EDGE'] } } },
        ApiResource: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'hello' } },
        ApiMethod: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ResourceId: { Ref: 'ApiResource' },
            HttpMethod: 'GET',
            AuthorizationType: 'NONE',
            Integration: {
              Type: 'AWS_PROXY',
              IntegrationHttpMethod: 'POST',
              Uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' },
            },
          },
        },
        ApiDeployment: { Type: 'AWS::ApiGateway::Deployment', DependsOn: ['ApiMethod'], Properties: { RestApiId: { Ref: 'Api' }, StageName: 'dev' } },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: n.queue, VisibilityTimeout: 60 } },
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: n.table,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          },
        },
      },
      Outputs: {
        FnArn: { Value: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
        ApiId: { Value: { Ref: 'Api' } },
        RootResourceId: { Value: { 'Fn::GetAtt': ['Api', 'RootResourceId'] } },
        QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
        TopicArn: { Value: { Ref: 'Topic' } },
      },
    };
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_NAMED_IAM'] }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    outputs = Object.fromEntries((stack?.Outputs ?? []).map((o: Output) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  });

  test('the stack is CREATE_COMPLETE with every resource listed', async () => {
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
    expect(resources.map((r) => r.LogicalResourceId).sort()).toEqual(
      ['Api', 'ApiDeployment', 'ApiMethod', 'ApiResource', 'Bucket', 'Fn', 'FnVersion', 'LogGroup', 'Queue', 'Role', 'Rule', 'RulePermission', 'Table', 'Topic'].sort(),
    );
    expect(new Set(resources.map((r) => r.ResourceStatus))).toEqual(new Set(['CREATE_COMPLETE']));
  });

  test('AWS::S3::Bucket', async () => {
    await s3.send(new HeadBucketCommand({ Bucket: n.bucket }));
    const tagging = await awsRequest({ service: 's3', path: `/${n.bucket}`, query: { tagging: '' } });
    expect(tagging.text).toMatch(/<Key>STAGE<\/Key>\s*<Value>dev<\/Value>/);
  });

  test('AWS::IAM::Role with inline policies', async () => {
    const role = await awsQuery('iam', '2010-05-08', 'GetRole', { RoleName: n.role });
    expect(role.status).toBe(200);
    expect(role.text).toContain(`<Arn>arn:aws:iam::123456789012:role/${n.role}</Arn>`);
    const policies = await awsQuery('iam', '2010-05-08', 'ListRolePolicies', { RoleName: n.role });
    expect(policies.text).toContain('<member>dev-probe-lambda</member>');
  });

  test('AWS::Logs::LogGroup', async () => {
    const { body } = await awsJson<{ logGroups: Array<{ logGroupName: string; retentionInDays?: number }> }>('logs', 'Logs_20140328.DescribeLogGroups', { logGroupNamePrefix: n.logGroup });
    expect(body.logGroups).toEqual([expect.objectContaining({ logGroupName: n.logGroup, retentionInDays: 14 })]);
  });

  test('AWS::Lambda::Function from an S3 zip, nodejs20.x (and Lambda GetFunction)', async () => {
    const response = await awsRequest({ service: 'lambda', path: `/2015-03-31/functions/${n.fn}` });
    expect(response.status).toBe(200);
    const { Configuration } = JSON.parse(response.text) as { Configuration: Record<string, unknown> };
    expect(Configuration).toMatchObject({
      FunctionName: n.fn,
      FunctionArn: outputs.FnArn,
      Runtime: 'nodejs20.x',
      Handler: 'handler.hello',
      MemorySize: 1024,
      Timeout: 6,
      Role: `arn:aws:iam::123456789012:role/${n.role}`,
      CodeSize: code.length,
      CodeSha256: sha256Base64(code),
      Environment: { Variables: { STAGE: 'dev' } },
    });
  });

  test('AWS::Lambda::Version', async () => {
    const response = await awsRequest({ service: 'lambda', path: `/2015-03-31/functions/${n.fn}/versions` });
    const { Versions } = JSON.parse(response.text) as { Versions: Array<{ Version: string }> };
    expect(Versions.map((v) => v.Version)).toEqual(['$LATEST', '1']);
  });

  test('AWS::Lambda::Permission', async () => {
    const response = await awsRequest({ service: 'lambda', path: `/2015-03-31/functions/${n.fn}/policy` });
    expect(response.status).toBe(200);
    const policy = JSON.parse((JSON.parse(response.text) as { Policy: string }).Policy) as { Statement: Array<Record<string, unknown>> };
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Principal: { Service: 'events.amazonaws.com' }, Effect: 'Allow' }),
    ]);
  });

  test('AWS::Events::Rule with a Lambda target', async () => {
    const rule = await awsJson<Record<string, unknown>>('events', 'AWSEvents.DescribeRule', { Name: n.rule });
    expect(rule.body).toMatchObject({ Name: n.rule, ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    const targets = await awsJson<{ Targets: unknown[] }>('events', 'AWSEvents.ListTargetsByRule', { Rule: n.rule });
    expect(targets.body.Targets).toEqual([{ Id: 'probeSchedule', Arn: outputs.FnArn }]);
  });

  test('AWS::SNS::Topic with an inline Subscription', async () => {
    const topicArn = `arn:aws:sns:us-east-1:123456789012:${n.topic}`;
    expect(outputs.TopicArn).toBe(topicArn);
    expect((await awsQuery('sns', '2010-03-31', 'GetTopicAttributes', { TopicArn: topicArn })).status).toBe(200);
    const subscriptions = await awsQuery('sns', '2010-03-31', 'ListSubscriptionsByTopic', { TopicArn: topicArn });
    expect(subscriptions.text).toContain('<Protocol>lambda</Protocol>');
    expect(subscriptions.text).toContain(`<Endpoint>${outputs.FnArn}</Endpoint>`);
  });

  test('AWS::ApiGateway::RestApi, Resource, Method and Deployment', async () => {
    const apiId = outputs.ApiId ?? '';
    const api = await awsRequest({ service: 'apigateway', path: `/restapis/${apiId}` });
    expect(JSON.parse(api.text)).toMatchObject({ id: apiId, name: n.api });

    const resources = JSON.parse((await awsRequest({ service: 'apigateway', path: `/restapis/${apiId}/resources` })).text) as {
      item: Array<{ id: string; path: string; resourceMethods?: Record<string, unknown> }>;
    };
    expect(resources.item.map((r) => [r.path, Object.keys(r.resourceMethods ?? {})]).sort()).toEqual([
      ['/', []],
      ['/hello', ['GET']],
    ]);
    expect(resources.item.find((r) => r.path === '/')?.id).toBe(outputs.RootResourceId);

    const hello = resources.item.find((r) => r.path === '/hello');
    const method = JSON.parse((await awsRequest({ service: 'apigateway', path: `/restapis/${apiId}/resources/${hello?.id}/methods/GET` })).text) as Record<string, unknown>;
    expect(method).toMatchObject({
      httpMethod: 'GET',
      authorizationType: 'NONE',
      methodIntegration: { type: 'AWS_PROXY', httpMethod: 'POST', uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${outputs.FnArn}/invocations` },
    });

    const deployments = JSON.parse((await awsRequest({ service: 'apigateway', path: `/restapis/${apiId}/deployments` })).text) as { item: unknown[] };
    expect(deployments.item).toHaveLength(1);
    const stages = JSON.parse((await awsRequest({ service: 'apigateway', path: `/restapis/${apiId}/stages` })).text) as { item: Array<{ stageName: string }> };
    expect(stages.item.map((s) => s.stageName)).toEqual(['dev']);
  });

  test('AWS::SQS::Queue', async () => {
    const { status, body } = await awsJson<{ QueueUrl: string }>('sqs', 'AmazonSQS.GetQueueUrl', { QueueName: n.queue }, '1.0');
    expect(status).toBe(200);
    expect(body.QueueUrl).toMatch(new RegExp(`/123456789012/${n.queue}$`));
    expect(outputs.QueueArn).toBe(`arn:aws:sqs:us-east-1:123456789012:${n.queue}`);
  });

  test('AWS::DynamoDB::Table', async () => {
    const { body } = await awsJson<{ Table: Record<string, unknown> }>('dynamodb', 'DynamoDB_20120810.DescribeTable', { TableName: n.table }, '1.0');
    expect(body.Table).toMatchObject({ TableName: n.table, TableStatus: 'ACTIVE', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
  });

  test('Lambda UpdateFunctionCode from S3', async () => {
    const next = zip({ 'handler.js': 'exports.hello = async () => ({ statusCode: 201 });\n' });
    await s3.send(new PutObjectCommand({ Bucket: deployBucket, Key: 'serverless/probe/code-2.zip', Body: next }));
    const response = await awsRequest({
      service: 'lambda',
      method: 'PUT',
      path: `/2015-03-31/functions/${n.fn}/code`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ S3Bucket: deployBucket, S3Key: 'serverless/probe/code-2.zip' }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ FunctionName: n.fn, CodeSha256: sha256Base64(next), CodeSize: next.length });
  });

  test('Lambda Invoke answers without Docker (echoing the event: no code runs)', async () => {
    const response = await awsRequest({
      service: 'lambda',
      method: 'POST',
      path: `/2015-03-31/functions/${n.fn}/invocations`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ probe: RUN }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBeNull();
    expect(JSON.parse(response.text)).toEqual({ probe: RUN });
  });

  test('DeleteStack removes the resources (a retained Lambda::Version is no obstacle)', async () => {
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    expect((await awsRequest({ service: 'lambda', path: `/2015-03-31/functions/${n.fn}` })).status).toBe(404);
    expect((await awsQuery('iam', '2010-05-08', 'GetRole', { RoleName: n.role })).status).toBe(404);
    expect((await awsJson('sqs', 'AmazonSQS.GetQueueUrl', { QueueName: n.queue }, '1.0')).status).toBe(400);
    expect((await awsJson('dynamodb', 'DynamoDB_20120810.DescribeTable', { TableName: n.table }, '1.0')).status).toBe(400);
  });
});

describe('moto CloudFormation: operations Stratus needs', () => {
  const topicOnly = (displayName?: string, topicName = name('cs-topic')): Record<string, unknown> => ({
    Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: topicName, ...(displayName ? { DisplayName: displayName } : {}) } } },
    Outputs: { TopicArn: { Value: { Ref: 'Topic' } } },
  });

  test('change set of type CREATE: create, describe, execute', async () => {
    const stackName = name('cs-create');
    const topicName = name('cs-create-topic');
    await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: 'c1', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(topicOnly(undefined, topicName)) }));
    expect((await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');
    const described = await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: 'c1' }));
    expect(described).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE' });
    expect(described.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual([['Add', 'Topic']]);
    await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: 'c1' }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    expect((await awsQuery('sns', '2010-03-31', 'GetTopicAttributes', { TopicArn: `arn:aws:sns:us-east-1:123456789012:${topicName}` })).status).toBe(200);
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
  });

  test('change set of type UPDATE: adds, modifies; an empty one fails as on AWS', async () => {
    const stackName = name('cs-update');
    const topicName = name('cs-update-topic');
    const queueName = name('cs-update-queue');
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(topicOnly(undefined, topicName)) }));
    const next = topicOnly('two', topicName);
    (next.Resources as Record<string, unknown>).Queue = { Type: 'AWS::SQS::Queue', Properties: { QueueName: queueName } };
    await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: 'c2', ChangeSetType: 'UPDATE', TemplateBody: JSON.stringify(next) }));
    const described = await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: 'c2' }));
    expect(described).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE' });
    expect(described.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId]).sort()).toEqual([
      ['Add', 'Queue'],
      ['Modify', 'Topic'],
    ]);
    await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: 'c2' }));
    expect((await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatus).toBe('UPDATE_COMPLETE');
    const attributes = await awsQuery('sns', '2010-03-31', 'GetTopicAttributes', { TopicArn: `arn:aws:sns:us-east-1:123456789012:${topicName}` });
    expect(attributes.text).toMatch(/<key>DisplayName<\/key>\s*<value>two<\/value>/);
    expect((await awsJson('sqs', 'AmazonSQS.GetQueueUrl', { QueueName: queueName }, '1.0')).status).toBe(200);

    await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: 'c3', ChangeSetType: 'UPDATE', TemplateBody: JSON.stringify(next) }));
    expect(await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: 'c3' }))).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason: expect.stringContaining("didn't contain changes"),
    });
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
  });

  test('DescribeStackEvents lists the stack-level events', async () => {
    const stackName = name('events');
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(topicOnly(undefined, name('events-topic'))) }));
    await cfn.send(new UpdateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(topicOnly('x', name('events-topic'))) }));
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }))).StackEvents ?? [];
    // Newest first, as on AWS.
    expect(events.map((e) => [e.LogicalResourceId, e.ResourceType, e.ResourceStatus])).toEqual([
      [stackName, 'AWS::CloudFormation::Stack', 'UPDATE_COMPLETE'],
      [stackName, 'AWS::CloudFormation::Stack', 'UPDATE_IN_PROGRESS'],
      [stackName, 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE'],
      [stackName, 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS'],
    ]);
    expect(events.every((e) => e.EventId && e.Timestamp instanceof Date)).toBe(true);
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
  });

  test('ValidateTemplate and CreateStack read a TemplateURL from the emulator S3 (localhost or AWS-style URL)', async () => {
    const bucket = name('templates');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    // Every parameter used: moto's ValidateTemplate rejects cfn-lint warnings too (W2001 unused parameter).
    const template = {
      Description: 'probe',
      Parameters: { Stage: { Type: 'String', Default: 'dev' } },
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': `${name('url-topic')}-\${Stage}` } } } },
    };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'serverless/probe/dev/compiled-cloudformation-template.json', Body: JSON.stringify(template) }));
    const key = 'serverless/probe/dev/compiled-cloudformation-template.json';
    const port = new URL(emulatorEndpoint()).port;
    // moto resolves these in-process from its own S3: no request leaves the emulator.
    for (const url of [`http://localhost:${port}/${bucket}/${key}`, `https://s3.amazonaws.com/${bucket}/${key}`, `https://s3.us-east-1.amazonaws.com/${bucket}/${key}`]) {
      const validated = await cfn.send(new ValidateTemplateCommand({ TemplateURL: url }));
      expect(validated.Description).toBe('probe');
    }
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'invalid.json', Body: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topik' } } }) }));
    await expect(cfn.send(new ValidateTemplateCommand({ TemplateURL: `https://s3.amazonaws.com/${bucket}/invalid.json` }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('AWS::SNS::Topik'),
    });
    const stackName = name('byurl');
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateURL: `https://s3.amazonaws.com/${bucket}/${key}` }));
    expect((await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]).toMatchObject({ StackStatus: 'CREATE_COMPLETE', Description: 'probe' });
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
  });

  test('UpdateStack adds, modifies and removes resources', async () => {
    const stackName = name('update');
    const topicName = name('update-topic');
    const queueName = name('update-queue');
    const withQueue = topicOnly(undefined, topicName);
    (withQueue.Resources as Record<string, unknown>).Queue = { Type: 'AWS::SQS::Queue', Properties: { QueueName: queueName } };
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(withQueue) }));
    expect((await awsJson('sqs', 'AmazonSQS.GetQueueUrl', { QueueName: queueName }, '1.0')).status).toBe(200);

    await cfn.send(new UpdateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(topicOnly('updated', topicName)) }));
    await expect(cfn.send(new DescribeStacksCommand({ StackName: stackName }))).resolves.toMatchObject({ Stacks: [expect.objectContaining({ StackStatus: 'UPDATE_COMPLETE' })] });
    expect((await awsJson('sqs', 'AmazonSQS.GetQueueUrl', { QueueName: queueName }, '1.0')).status).toBe(400);
    const attributes = await awsQuery('sns', '2010-03-31', 'GetTopicAttributes', { TopicArn: `arn:aws:sns:us-east-1:123456789012:${topicName}` });
    expect(attributes.text).toMatch(/<key>DisplayName<\/key>\s*<value>updated<\/value>/);
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
  });
});

/** A zip archive of text files, stored uncompressed: enough for a Lambda code package. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01
  for (const [fileName, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(fileName);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, version 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function sha256Base64(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}
