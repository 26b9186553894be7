import { S3_HANDLER_SOURCE } from './handler-source';

/**
 * The handler runs here as it would in Lambda, against fake SDK clients and a fake `https`: what it
 * does to the bucket and the function's policy, and what it answers CloudFormation.
 */
type Notification = Record<string, unknown>;

class Command {
  constructor(readonly input: Record<string, unknown>) {}
}

function fakeWorld(initial: Record<string, Notification> = {}) {
  const buckets = new Map<string, Notification>(Object.entries(structuredClone(initial)));
  const permissions = new Map<string, Set<string>>();
  const calls: string[] = [];
  const responses: Array<Record<string, unknown>> = [];
  let failPut: Error | undefined;

  class GetBucketNotificationConfigurationCommand extends Command {}
  class PutBucketNotificationConfigurationCommand extends Command {}
  class AddPermissionCommand extends Command {}
  class RemovePermissionCommand extends Command {}
  const named = (name: string, message = name) => Object.assign(new Error(message), { name });

  const s3 = {
    GetBucketNotificationConfigurationCommand,
    PutBucketNotificationConfigurationCommand,
    S3Client: class {
      async send(command: Command) {
        const bucket = command.input.Bucket as string;
        calls.push(`${command.constructor.name} ${bucket}`);
        if (!buckets.has(bucket)) throw named('NoSuchBucket');
        if (command instanceof GetBucketNotificationConfigurationCommand) return { $metadata: { httpStatusCode: 200 }, ...structuredClone(buckets.get(bucket)) };
        if (failPut) throw failPut;
        buckets.set(bucket, structuredClone(command.input.NotificationConfiguration as Notification));
        return {};
      }
    },
  };
  const lambda = {
    AddPermissionCommand,
    RemovePermissionCommand,
    LambdaClient: class {
      async send(command: Command) {
        const { FunctionName, StatementId } = command.input as { FunctionName: string; StatementId: string };
        calls.push(`${command.constructor.name} ${FunctionName} ${StatementId}`);
        const statements = permissions.get(FunctionName) ?? new Set<string>();
        permissions.set(FunctionName, statements);
        if (command instanceof AddPermissionCommand) {
          if (statements.has(StatementId)) throw named('ResourceConflictException');
          statements.add(StatementId);
        } else if (!statements.delete(StatementId)) throw named('ResourceNotFoundException');
        return {};
      }
    },
  };
  const https = {
    request(url: string, options: { method: string; headers: Record<string, unknown> }, callback: (response: unknown) => void) {
      return {
        on() {},
        end(body: string) {
          responses.push({ url, method: options.method, headers: options.headers, body: JSON.parse(body) });
          callback({ resume() {}, on: (event: string, listener: () => void) => event === 'end' && listener() });
        },
      };
    },
  };
  const modules: Record<string, unknown> = { '@aws-sdk/client-s3': s3, '@aws-sdk/client-lambda': lambda, https };
  const module = { exports: {} as { handler: (event: unknown, context: unknown) => Promise<void> } };
  const quiet = { log() {} };
  new Function('require', 'module', 'exports', 'console', S3_HANDLER_SOURCE)((name: string) => modules[name], module, module.exports, quiet);
  return {
    handler: module.exports.handler,
    buckets,
    permissions,
    calls,
    responses,
    failPutWith(error: Error) {
      failPut = error;
    },
  };
}

const context = { invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-custom-resource-existing-s3', getRemainingTimeInMillis: () => 180_000 };
const fnArn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const props = (bucket: string, fn = 'svc-dev-hello', configs: unknown[] = [{ Event: 's3:ObjectCreated:*', Rules: [{ Prefix: 'in/' }, { Suffix: '.pdf' }] }]) => ({
  ServiceToken: 'arn',
  FunctionName: fn,
  BucketName: bucket,
  BucketConfigs: configs,
});
const request = (type: string, properties: unknown, extra: Record<string, unknown> = {}) => ({
  RequestType: type,
  ResponseURL: 'https://cloudformation-custom-resource-response.example/abc',
  StackId: 'stack',
  RequestId: 'req',
  LogicalResourceId: 'HelloCustomS31',
  ResourceType: 'Custom::S3',
  ResourceProperties: properties,
  ...extra,
});

const othersConfig = {
  TopicConfigurations: [{ Id: 'topic', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', Events: ['s3:ObjectRemoved:*'] }],
  LambdaFunctionConfigurations: [{ Id: 'someone-else', LambdaFunctionArn: fnArn('other'), Events: ['s3:ObjectCreated:*'] }],
};

test('Create: allows S3 to invoke, adds the function configurations, keeps everything else, answers SUCCESS', async () => {
  const world = fakeWorld({ docs: othersConfig });
  await world.handler(request('Create', props('docs')), context);
  expect(world.permissions.get('svc-dev-hello')).toEqual(new Set(['stratus-s3-docs']));
  expect(world.buckets.get('docs')).toEqual({
    TopicConfigurations: othersConfig.TopicConfigurations,
    LambdaFunctionConfigurations: [
      ...othersConfig.LambdaFunctionConfigurations,
      {
        Id: 'stratus-s3-svc-dev-hello-0',
        LambdaFunctionArn: fnArn('svc-dev-hello'),
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'in/' }, { Name: 'Suffix', Value: '.pdf' }] } },
      },
    ],
  });
  expect(world.calls).toEqual(['AddPermissionCommand svc-dev-hello stratus-s3-docs', 'GetBucketNotificationConfigurationCommand docs', 'PutBucketNotificationConfigurationCommand docs']);
  expect(world.responses).toEqual([
    {
      url: 'https://cloudformation-custom-resource-response.example/abc',
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': expect.any(Number) },
      body: { Status: 'SUCCESS', Reason: '', PhysicalResourceId: 'stratus-s3-docs-svc-dev-hello', StackId: 'stack', RequestId: 'req', LogicalResourceId: 'HelloCustomS31', NoEcho: false, Data: {} },
    },
  ]);
});

test('Update on the same bucket replaces the function configurations and keeps the physical id', async () => {
  const world = fakeWorld({ docs: othersConfig });
  await world.handler(request('Create', props('docs')), context);
  const updated = props('docs', 'svc-dev-hello', [{ Event: 's3:ObjectRemoved:*', Rules: [] }, { Event: 's3:ObjectCreated:Put', Rules: [{ Suffix: '.png' }] }]);
  await world.handler(request('Update', updated, { PhysicalResourceId: 'stratus-s3-docs-svc-dev-hello', OldResourceProperties: props('docs') }), context);
  expect(world.buckets.get('docs')?.LambdaFunctionConfigurations).toEqual([
    ...othersConfig.LambdaFunctionConfigurations,
    { Id: 'stratus-s3-svc-dev-hello-0', LambdaFunctionArn: fnArn('svc-dev-hello'), Events: ['s3:ObjectRemoved:*'] },
    { Id: 'stratus-s3-svc-dev-hello-1', LambdaFunctionArn: fnArn('svc-dev-hello'), Events: ['s3:ObjectCreated:Put'], Filter: { Key: { FilterRules: [{ Name: 'Suffix', Value: '.png' }] } } },
  ]);
  expect(world.responses[1]?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'stratus-s3-docs-svc-dev-hello' });
});

test('Update to another bucket cleans the old one (configurations and permission) first', async () => {
  const world = fakeWorld({ docs: {}, archive: {} });
  await world.handler(request('Create', props('docs')), context);
  await world.handler(request('Update', props('archive'), { PhysicalResourceId: 'stratus-s3-docs-svc-dev-hello', OldResourceProperties: props('docs') }), context);
  expect(world.buckets.get('docs')).toEqual({});
  expect(world.buckets.get('archive')?.LambdaFunctionConfigurations).toHaveLength(1);
  expect(world.permissions.get('svc-dev-hello')).toEqual(new Set(['stratus-s3-archive']));
  expect(world.responses[1]?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'stratus-s3-docs-svc-dev-hello' });
});

test('Delete removes the configurations and the permission; a bucket that is gone does not block it', async () => {
  const world = fakeWorld({ docs: othersConfig });
  await world.handler(request('Create', props('docs')), context);
  await world.handler(request('Delete', props('docs'), { PhysicalResourceId: 'stratus-s3-docs-svc-dev-hello' }), context);
  expect(world.buckets.get('docs')).toEqual(othersConfig);
  expect(world.permissions.get('svc-dev-hello')).toEqual(new Set());
  await world.handler(request('Delete', props('gone'), { PhysicalResourceId: 'stratus-s3-gone-svc-dev-hello' }), context);
  expect(world.responses.map((response) => (response.body as { Status: string }).Status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
});

test('a failure is answered FAILED with the reason (CloudFormation then rolls back)', async () => {
  const world = fakeWorld({ docs: {} });
  world.failPutWith(new Error('Unable to validate the following destination configurations'));
  await world.handler(request('Create', props('docs')), context);
  expect(world.responses[0]?.body).toMatchObject({ Status: 'FAILED', Reason: 'Unable to validate the following destination configurations', PhysicalResourceId: 'stratus-s3-docs-svc-dev-hello' });
  const missing = fakeWorld();
  await missing.handler(request('Create', props('nope')), context);
  expect(missing.responses[0]?.body).toMatchObject({ Status: 'FAILED', Reason: 'NoSuchBucket' });
});

test('the last notification removed leaves no empty LambdaFunctionConfigurations list', async () => {
  const world = fakeWorld({ docs: {} });
  await world.handler(request('Create', props('docs')), context);
  await world.handler(request('Delete', props('docs'), { PhysicalResourceId: 'x' }), context);
  expect(world.buckets.get('docs')).toEqual({});
});
