import * as http from 'node:http';
import type { InvokeOutcome, LocalFunction } from '@stratus/lambda-runtime';
import { encodeS3EventKey, policyMatches, s3EventMatches, startEventSources, type EventSources, type EventSourcesRuntime } from './index';

function fn(key: string): LocalFunction {
  return { key, name: `svc-dev-${key}`, handler: 'h.h', runtime: 'nodejs20.x', timeoutSeconds: 6, memorySize: 128, environment: {}, codeDir: '/tmp' };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(url: string, method: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  const data = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-length': String(data.length), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** SNS Publish as `@aws-sdk/client-sns` sends it (awsQuery protocol: a signed form POST to `/`). */
function publish(sources: EventSources, params: { TopicArn: string; Message: string; Subject?: string; attributes?: Record<string, [string, string]> }): Promise<Reply> {
  const form = new URLSearchParams({ Action: 'Publish', Version: '2010-03-31', TopicArn: params.TopicArn, Message: params.Message });
  if (params.Subject !== undefined) form.set('Subject', params.Subject);
  Object.entries(params.attributes ?? {}).forEach(([name, [type, value]], i) => {
    form.set(`MessageAttributes.entry.${i + 1}.Name`, name);
    form.set(`MessageAttributes.entry.${i + 1}.Value.DataType`, type);
    form.set(`MessageAttributes.entry.${i + 1}.Value.StringValue`, value);
  });
  return request(`${sources.url}/`, 'POST', form.toString().replace(/\+/g, '%20'), {
    'content-type': 'application/x-www-form-urlencoded',
    'x-amz-user-agent': 'aws-sdk-js/3.1169.0',
    authorization: 'AWS4-HMAC-SHA256 Credential=fake/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0',
  });
}

function recordingRuntime(): EventSourcesRuntime & { calls: Array<{ key: string; event: any }> } {
  const calls: Array<{ key: string; event: any }> = [];
  return {
    calls,
    async invoke(f: LocalFunction, event: unknown): Promise<InvokeOutcome> {
      calls.push({ key: f.key, event });
      if (f.key === 'broken') return { ok: false, error: { errorType: 'Error', errorMessage: 'nope' }, logs: [], durationMs: 1, requestId: 'r', timedOut: false };
      return { ok: true, payload: null, logs: [], durationMs: 1, requestId: 'r' };
    },
  };
}

describe('startEventSources', () => {
  const runtime = recordingRuntime();
  const messages: string[] = [];
  const log = { notice: (m: string) => messages.push(m), warning: (m: string) => messages.push(`W ${m}`), error: (m: string) => messages.push(`E ${m}`) };
  let sources: EventSources;
  beforeAll(async () => {
    sources = await startEventSources({
      host: '127.0.0.1',
      port: 0,
      runtime,
      region: 'eu-west-1',
      log,
      bucketNames: { uploads: 'svc-dev-uploads-bucket' },
      snsSubscriptions: [
        { fn: fn('all'), definition: 'orders' },
        { fn: fn('byArn'), definition: 'arn:aws:sns:eu-west-1:111111111111:orders' },
        { fn: fn('filtered'), definition: { topicName: 'orders', filterPolicy: { kind: ['big', { prefix: 'huge' }], amount: [{ numeric: ['>=', 100] }] } } },
        { fn: fn('bodyFiltered'), definition: { topicName: 'orders', filterPolicyScope: 'MessageBody', filterPolicy: { status: ['paid'] } } },
        { fn: fn('other'), definition: 'other-topic' },
        { fn: fn('bad'), definition: 42 },
      ],
      s3Subscriptions: [
        { fn: fn('photos'), definition: { bucket: 'media', event: 's3:ObjectCreated:*', rules: [{ prefix: 'photos/' }, { suffix: '.jpg' }] } },
        { fn: fn('anyCreate'), definition: 'media' },
        { fn: fn('puts'), definition: { bucket: 'media', event: 's3:ObjectCreated:Put' } },
        { fn: fn('removed'), definition: { bucket: 'media', event: 's3:ObjectRemoved:*' } },
        { fn: fn('uploads'), definition: { bucket: 'uploads', event: 's3:ObjectCreated:*' } },
        { fn: fn('intrinsic'), definition: { bucket: { Ref: 'B' }, existing: true } },
      ],
    });
  });
  afterAll(() => sources.close());
  beforeEach(() => {
    runtime.calls.length = 0;
  });

  it('prints where to publish and how to simulate uploads, and warns about what it cannot emulate', () => {
    expect(sources.lines).toContain(`SNS Publish endpoint: ${sources.url} (new SNSClient({ endpoint: '${sources.url}' }))`);
    expect(sources.lines).toContain('   * topic orders: arn:aws:sns:eu-west-1:123456789012:orders');
    expect(sources.lines).toContain(`S3 upload simulation: POST ${sources.url}/__stratus/s3/<bucket>/<key> (body = the object)`);
    expect(sources.lines.join('\n')).toContain('bucket svc-dev-uploads-bucket');
    expect(messages.join('\n')).toMatch(/W sns event 6 of function "bad" is not emulated/);
    expect(messages.join('\n')).toMatch(/W s3 event 6 of function "intrinsic" .*CloudFormation function/);
  });

  it('answers SNS Publish with a PublishResponse and delivers the notification to the topic subscribers', async () => {
    const reply = await publish(sources, { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders', Message: 'hello world', Subject: 'Hi', attributes: { kind: ['String', 'small'] } });
    expect(reply.status).toBe(200);
    const messageId = /<PublishResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><PublishResult><MessageId>([0-9a-f-]{36})<\/MessageId>/.exec(reply.body)?.[1];
    expect(messageId).toBeDefined();
    expect(runtime.calls.map((c) => c.key).sort()).toEqual(['all', 'byArn']);
    const record = runtime.calls[0]?.event.Records[0];
    expect(record).toEqual({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: expect.stringMatching(/^arn:aws:sns:eu-west-1:123456789012:orders:[0-9a-f-]{36}$/),
      Sns: {
        Type: 'Notification',
        MessageId: messageId,
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders',
        Subject: 'Hi',
        Message: 'hello world',
        Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        SignatureVersion: '1',
        Signature: expect.any(String),
        SigningCertUrl: expect.stringMatching(/^https:\/\/sns\.eu-west-1\.amazonaws\.com\//),
        UnsubscribeUrl: expect.stringContaining('Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:orders:'),
        MessageAttributes: { kind: { Type: 'String', Value: 'small' } },
      },
    });
  });

  it('applies filter policies on message attributes and on the message body', async () => {
    await publish(sources, { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders', Message: '{"status":"paid"}', attributes: { kind: ['String', 'huge-one'], amount: ['Number', '150'] } });
    expect(runtime.calls.map((c) => c.key).sort()).toEqual(['all', 'bodyFiltered', 'byArn', 'filtered']);
    expect(runtime.calls.find((c) => c.key === 'filtered')?.event.Records[0].Sns.Subject).toBeNull();
    runtime.calls.length = 0;
    await publish(sources, { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders', Message: 'not json', attributes: { kind: ['String', 'big'], amount: ['Number', '99'] } });
    expect(runtime.calls.map((c) => c.key).sort()).toEqual(['all', 'byArn']);
    expect(messages.join('\n')).toMatch(/filtered out for function "filtered"/);
  });

  it('rejects a topic nobody subscribes to and other actions, as SNS does', async () => {
    const missing = await publish(sources, { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:nobody', Message: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<Code>NotFound</Code>');
    const other = await request(`${sources.url}/`, 'POST', 'Action=ListTopics&Version=2010-03-31', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(other.status).toBe(400);
    expect(other.body).toContain('<Code>InvalidAction</Code>');
    expect(runtime.calls).toHaveLength(0);
  });

  it('simulates an S3 upload and delivers ObjectCreated:Put to the matching functions only', async () => {
    const reply = await request(`${sources.url}/__stratus/s3/media/photos/my%20cat%20(1).jpg`, 'POST', 'JPEGDATA');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      bucket: 'media',
      key: 'photos/my cat (1).jpg',
      eventName: 'ObjectCreated:Put',
      deliveredTo: expect.arrayContaining([{ function: 'photos', ok: true }, { function: 'anyCreate', ok: true }, { function: 'puts', ok: true }]),
    });
    expect(runtime.calls.map((c) => c.key).sort()).toEqual(['anyCreate', 'photos', 'puts']);
    const record = runtime.calls.find((c) => c.key === 'photos')?.event.Records[0];
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: expect.stringMatching(/Z$/),
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'svc-dev-photos-s3-1',
        bucket: { name: 'media', arn: 'arn:aws:s3:::media', ownerIdentity: { principalId: '123456789012' } },
        object: { key: 'photos/my+cat+%281%29.jpg', size: 8, eTag: 'bf23ea50d77ee96ece2b71f7d905bfe8', sequencer: expect.stringMatching(/^[0-9A-F]{18}$/) },
      },
    });
  });

  it('checks the prefix/suffix rules, the event type and the bucket', async () => {
    await request(`${sources.url}/__stratus/s3/media/photos/cat.png?size=1024`, 'POST', '');
    expect(runtime.calls.map((c) => c.key).sort()).toEqual(['anyCreate', 'puts']);
    expect(runtime.calls[0]?.event.Records[0].s3.object.size).toBe(1024);
    runtime.calls.length = 0;
    await request(`${sources.url}/__stratus/s3/media/photos/cat.jpg?event=ObjectCreated:Copy`, 'POST', 'x');
    expect(runtime.calls.map((c) => c.key).sort()).toEqual(['anyCreate', 'photos']);
    runtime.calls.length = 0;
    const removed = await request(`${sources.url}/__stratus/s3/media/photos/cat.jpg`, 'DELETE', '');
    expect(JSON.parse(removed.body).deliveredTo).toEqual([{ function: 'removed', ok: true }]);
    expect(runtime.calls[0]?.event.Records[0].s3.object).toEqual({ key: 'photos/cat.jpg', sequencer: expect.any(String) });
    runtime.calls.length = 0;
    await request(`${sources.url}/__stratus/s3/svc-dev-uploads-bucket/a.txt`, 'PUT', 'x');
    expect(runtime.calls.map((c) => c.key)).toEqual(['uploads']);
    runtime.calls.length = 0;
    const none = await request(`${sources.url}/__stratus/s3/elsewhere/a.txt`, 'POST', 'x');
    expect(JSON.parse(none.body).deliveredTo).toEqual([]);
    expect((await request(`${sources.url}/__stratus/s3/media`, 'POST', 'x')).status).toBe(400);
  });

  it('encodes keys, matches event types and evaluates filter policies as AWS does', () => {
    expect(encodeS3EventKey('a b/c+d(é)*.txt')).toBe('a+b/c%2Bd%28%C3%A9%29*.txt');
    expect(s3EventMatches('s3:ObjectCreated:*', 'ObjectCreated:Post')).toBe(true);
    expect(s3EventMatches('s3:ObjectCreated:Put', 'ObjectCreated:Post')).toBe(false);
    expect(policyMatches({ a: [{ 'anything-but': ['x', 'y'] }] }, { a: 'z' })).toBe(true);
    expect(policyMatches({ a: [{ 'anything-but': 'x' }] }, {})).toBe(false);
    expect(policyMatches({ a: [{ exists: false }] }, {})).toBe(true);
    expect(policyMatches({ tags: ['red'] }, { tags: ['blue', 'red'] })).toBe(true);
    expect(policyMatches({ $or: [{ a: ['1'] }, { b: [{ suffix: 'z' }] }] }, { b: 'xyz' })).toBe(true);
    expect(policyMatches({ n: [{ numeric: ['>', 0, '<=', 5] }] }, { n: 6 })).toBe(false);
    expect(policyMatches({ s: [{ 'equals-ignore-case': 'ABC' }] }, { s: 'abc' })).toBe(true);
    expect(policyMatches({ body: { nested: ['v'] } }, { body: { nested: 'v' } })).toBe(true);
  });

  it('fails clearly when the port is taken', async () => {
    await expect(startEventSources({ host: '127.0.0.1', port: sources.port, runtime, region: 'us-east-1', log, snsSubscriptions: [], s3Subscriptions: [] })).rejects.toMatchObject({ code: 'OFFLINE_PORT_IN_USE' });
  });
});
