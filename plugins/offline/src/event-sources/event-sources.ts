import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { Logger } from '@stratus/core';
import { normalizeS3Event, type S3Event } from '@stratus/event-s3';
import { normalizeSnsEvent, topicNameFromArn, type SnsEvent } from '@stratus/event-sns';
import type { InvokeOptions, InvokeOutcome, LocalFunction } from '@stratus/lambda-runtime';
import { closeServer, listen, readBody, urlOf } from '../lambda-api/listen';
import { policyMatches, type FilterValue } from './sns-filter-policy';

export interface EventSourcesRuntime {
  invoke(fn: LocalFunction, event: unknown, options?: InvokeOptions): Promise<InvokeOutcome>;
}

export interface EventSourcesOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  runtime: EventSourcesRuntime;
  /** Each function's raw `sns` event definitions, one entry per event. */
  snsSubscriptions: Array<{ fn: LocalFunction; definition: unknown }>;
  /** Each function's raw `s3` event definitions, one entry per event. */
  s3Subscriptions: Array<{ fn: LocalFunction; definition: unknown }>;
  /** `provider.region`. */
  region: string;
  log: Pick<Logger, 'notice' | 'warning' | 'error'>;
  /** Account id in ARNs (default 123456789012). */
  accountId?: string;
  /** `provider.s3.<key>.name` by key, so `bucket: <key>` events match the real bucket name. */
  bucketNames?: Record<string, string>;
  noTimeout?: boolean;
}

export interface EventSources {
  url: string;
  port: number;
  /** Lines for the start-up banner: where to publish, how to simulate an upload. */
  readonly lines: string[];
  close(): Promise<void>;
}

/** The path prefix of simulated S3 uploads: `POST /__stratus/s3/<bucket>/<key>`. */
export const S3_SIMULATION_PREFIX = '/__stratus/s3/';
const MAX_BODY_BYTES = 256 * 1024 * 1024;

interface SnsSubscription {
  fn: LocalFunction;
  event: SnsEvent;
  subscriptionId: string;
}

interface S3Subscription {
  fn: LocalFunction;
  event: S3Event;
  bucket: string;
  rules: Array<{ type: 'prefix' | 'suffix'; value: string }>;
  configurationId: string;
}

const xmlEscape = (text: string): string => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A key as S3 writes it in event records: URL form encoding (space → `+`), `/` kept. */
export function encodeS3EventKey(key: string): string {
  let out = '';
  for (const char of key) {
    if (/[A-Za-z0-9.\-_*/]/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Whether an s3 event type (`s3:ObjectCreated:*`) covers an event name (`ObjectCreated:Put`). */
export function s3EventMatches(pattern: string, eventName: string): boolean {
  const full = `s3:${eventName}`;
  return pattern.endsWith('*') ? full.startsWith(pattern.slice(0, -1)) : pattern === full;
}

/** `MessageAttributes.entry.N.Name/Value.DataType/Value.StringValue/Value.BinaryValue` → SNS's record shape. */
function messageAttributesOf(form: URLSearchParams): Record<string, { Type: string; Value: string }> {
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const name = form.get(`MessageAttributes.entry.${n}.Name`) as string;
    const type = form.get(`MessageAttributes.entry.${n}.Value.DataType`) ?? 'String';
    const value = form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? form.get(`MessageAttributes.entry.${n}.Value.BinaryValue`) ?? '';
    attributes[name] = { Type: type, Value: value };
  }
  return attributes;
}

/** Attribute values as a filter policy reads them (numbers as numbers, String.Array as a list; Binary ignored). */
function filterValuesOf(attributes: Record<string, { Type: string; Value: string }>): Record<string, FilterValue> {
  const values: Record<string, FilterValue> = {};
  for (const [name, { Type, Value }] of Object.entries(attributes)) {
    if (Type.startsWith('Number')) values[name] = Number(Value);
    else if (Type === 'String.Array') {
      try {
        values[name] = JSON.parse(Value) as FilterValue;
      } catch {
        values[name] = Value;
      }
    } else if (Type.startsWith('String')) values[name] = Value;
  }
  return values;
}

/**
 * One local endpoint for the event sources serverless-offline does not emulate: SNS `Publish`
 * (query protocol, as the AWS SDK sends it to `POST /`) and simulated S3 uploads/deletes
 * (`POST|PUT|DELETE /__stratus/s3/<bucket>/<key>`), each delivering AWS's event records to the
 * subscribed functions.
 */
export async function startEventSources(options: EventSourcesOptions): Promise<EventSources> {
  const { runtime, log, region } = options;
  const accountId = options.accountId ?? '123456789012';
  const invokeOptions: InvokeOptions = options.noTimeout ? { noTimeout: true } : {};
  let sequence = BigInt(Date.now()) * 1000n;

  const sns: SnsSubscription[] = [];
  options.snsSubscriptions.forEach(({ fn, definition }, index) => {
    try {
      sns.push({ fn, event: normalizeSnsEvent(definition, { functionKey: fn.key, index }), subscriptionId: randomUUID() });
    } catch (error) {
      log.warning(`sns event ${index + 1} of function "${fn.key}" is not emulated: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const s3: S3Subscription[] = [];
  options.s3Subscriptions.forEach(({ fn, definition }, index) => {
    let event: S3Event;
    try {
      event = normalizeS3Event(definition, { functionKey: fn.key, index });
    } catch (error) {
      log.warning(`s3 event ${index + 1} of function "${fn.key}" is not emulated: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (typeof event.bucket !== 'string' || event.rules.some((rule) => typeof rule.value !== 'string')) {
      log.warning(`s3 event ${index + 1} of function "${fn.key}" uses a CloudFormation function for its bucket or rules and is not emulated.`);
      return;
    }
    const bucket = options.bucketNames?.[event.bucket] ?? event.bucket;
    const rules = event.rules.map((rule) => ({ type: rule.type, value: decode(rule.value as string) }));
    s3.push({ fn, event, bucket, rules, configurationId: `${fn.name}-s3-${index + 1}` });
  });

  const deliver = (fn: LocalFunction, event: unknown, source: string): Promise<InvokeOutcome | undefined> =>
    runtime.invoke(fn, event, invokeOptions).then(
      (outcome) => {
        if (!outcome.ok) log.error(`(λ: ${fn.key}) ${source} delivery failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
        return outcome;
      },
      (error: unknown) => {
        log.error(`(λ: ${fn.key}) ${source} delivery failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      },
    );

  const snsError = (response: http.ServerResponse, status: number, code: string, message: string): void => {
    const body = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
    response.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': randomUUID() });
    response.end(body);
  };

  const publish = (form: URLSearchParams, response: http.ServerResponse): void => {
    const topicArn = form.get('TopicArn') ?? form.get('TargetArn');
    const message = form.get('Message');
    if (!topicArn) return snsError(response, 400, 'InvalidParameter', 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter (phone numbers are not emulated)');
    if (message === null) return snsError(response, 400, 'ValidationError', '1 validation error detected: Value null at \'message\' failed to satisfy constraint: Member must not be null');
    const topicName = topicNameFromArn(topicArn);
    const subscribed = sns.filter((subscription) => subscription.event.topicName === topicName);
    if (subscribed.length === 0) return snsError(response, 404, 'NotFound', `Topic does not exist: no function subscribes to "${topicName}" in this service`);
    const messageId = randomUUID();
    const attributes = messageAttributesOf(form);
    const timestamp = new Date().toISOString();
    for (const { fn, event, subscriptionId } of subscribed) {
      if (event.filterPolicy) {
        let input: Record<string, FilterValue> | undefined = filterValuesOf(attributes);
        if (event.filterPolicyScope === 'MessageBody') {
          try {
            const parsed: unknown = JSON.parse(message);
            input = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, FilterValue>) : undefined;
          } catch {
            input = undefined;
          }
        }
        if (!input || !policyMatches(event.filterPolicy, input)) {
          log.notice(`SNS message ${messageId} on "${topicName}" filtered out for function "${fn.key}"`);
          continue;
        }
      }
      const subscriptionArn = `${topicArn}:${subscriptionId}`;
      const record = {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: form.get('Subject'),
          Message: message,
          Timestamp: timestamp,
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-0000000000000000000000000000000.pem`,
          UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: attributes,
        },
      };
      log.notice(`SNS message ${messageId} on "${topicName}" → (λ: ${fn.key})`);
      void deliver(fn, { Records: [record] }, 'SNS');
    }
    const requestId = randomUUID();
    response.writeHead(200, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
    response.end(`<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`);
  };

  const simulateS3 = async (request: http.IncomingMessage, url: URL, body: Buffer, response: http.ServerResponse): Promise<void> => {
    const rest = url.pathname.slice(S3_SIMULATION_PREFIX.length);
    const slash = rest.indexOf('/');
    const bucket = decode(slash < 0 ? rest : rest.slice(0, slash));
    const key = slash < 0 ? '' : rest.slice(slash + 1).split('/').map(decode).join('/');
    const json = (status: number, value: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (!bucket || !key) return json(400, { message: `Simulate an upload with POST ${S3_SIMULATION_PREFIX}<bucket>/<key> (body = the object; ?size=N to give a size instead).` });
    const removed = request.method === 'DELETE';
    const eventName = url.searchParams.get('event') ?? (removed ? 'ObjectRemoved:Delete' : 'ObjectCreated:Put');
    const sizeParam = url.searchParams.get('size');
    const size = sizeParam !== null && /^\d+$/.test(sizeParam) ? Number(sizeParam) : body.length;
    sequence += 1n;
    const object: Record<string, unknown> = { key: encodeS3EventKey(key) };
    if (!eventName.startsWith('ObjectRemoved')) {
      object.size = size;
      object.eTag = createHash('md5').update(body).digest('hex');
    }
    object.sequencer = sequence.toString(16).toUpperCase().padStart(18, '0');
    const matched = s3.filter(
      (subscription) =>
        subscription.bucket === bucket &&
        s3EventMatches(subscription.event.event, eventName) &&
        subscription.rules.every((rule) => (rule.type === 'prefix' ? key.startsWith(rule.value) : key.endsWith(rule.value))),
    );
    const deliveries = matched.map(({ fn, configurationId }) => {
      const record = {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName,
        userIdentity: { principalId: `AWS:${accountId}` },
        requestParameters: { sourceIPAddress: request.socket.remoteAddress ?? '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': randomBytes(48).toString('base64') },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: { name: bucket, ownerIdentity: { principalId: accountId }, arn: `arn:aws:s3:::${bucket}` },
          object,
        },
      };
      log.notice(`S3 ${eventName} s3://${bucket}/${key} → (λ: ${fn.key})`);
      return deliver(fn, { Records: [record] }, 'S3').then((outcome) => ({ function: fn.key, ok: outcome?.ok ?? false }));
    });
    if (matched.length === 0) log.notice(`S3 ${eventName} s3://${bucket}/${key}: no function's s3 event matches`);
    json(200, { bucket, key, eventName, deliveredTo: await Promise.all(deliveries) });
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const body = await readBody(request, MAX_BODY_BYTES);
      if (body === undefined) {
        response.writeHead(413).end();
        return;
      }
      if (url.pathname.startsWith(S3_SIMULATION_PREFIX) && ['POST', 'PUT', 'DELETE'].includes(request.method ?? '')) {
        await simulateS3(request, url, body, response);
        return;
      }
      if (request.method === 'POST' && (url.pathname === '/' || url.pathname === '')) {
        const form = new URLSearchParams(body.toString('utf8'));
        const action = form.get('Action');
        if (action === 'Publish') return publish(form, response);
        return snsError(response, 400, 'InvalidAction', `The action ${action ?? '(none)'} is not valid for this endpoint: only SNS Publish is emulated.`);
      }
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ message: `Nothing at ${request.method} ${url.pathname}: SNS Publish is POST /, S3 simulation is POST ${S3_SIMULATION_PREFIX}<bucket>/<key>.` }));
    })().catch((error: unknown) => {
      log.error(`Event sources endpoint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const port = await listen(server, options.host, options.port, 'SNS/S3 event endpoint', 'the eventSourcesPort option');
  const url = urlOf(options.host, port);
  const lines: string[] = [];
  const topics = [...new Set(sns.map((subscription) => subscription.event.topicName))];
  if (topics.length > 0) {
    lines.push(`SNS Publish endpoint: ${url} (new SNSClient({ endpoint: '${url}' }))`);
    for (const topic of topics) lines.push(`   * topic ${topic}: arn:aws:sns:${region}:${accountId}:${topic}`);
  }
  const buckets = [...new Set(s3.map((subscription) => subscription.bucket))];
  if (buckets.length > 0) {
    lines.push(`S3 upload simulation: POST ${url}${S3_SIMULATION_PREFIX}<bucket>/<key> (body = the object)`);
    for (const bucket of buckets) lines.push(`   * bucket ${bucket}: curl -X POST --data-binary @file ${url}${S3_SIMULATION_PREFIX}${bucket}/<key>`);
  }
  return { url, port, lines, close: () => closeServer(server) };
}
