import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalLambdaRuntime, type LocalFunction } from '@stratus/lambda-runtime';
import { logTail, parseFunctionName, startLambdaInvokeApi, type LambdaInvokeApi } from './index';

const FIXTURES = path.join(__dirname, '__fixtures__');

function fn(key: string, handler: string): LocalFunction {
  return { key, name: `svc-dev-${key}`, handler: `handlers.${handler}`, runtime: 'nodejs20.x', timeoutSeconds: 6, memorySize: 256, environment: {}, codeDir: FIXTURES };
}

const functions = [fn('echo', 'echo'), fn('text', 'text'), fn('nothing', 'nothing'), fn('fail', 'fail'), fn('chatty', 'chatty'), fn('record', 'record')];
const resolveFunction = (nameOrKey: string): LocalFunction | undefined => functions.find((f) => f.name === nameOrKey || f.key === nameOrKey);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request shaped as `@aws-sdk/client-lambda`'s `InvokeCommand` sends it (checked against SDK 3.1164). */
function invoke(api: LambdaInvokeApi, functionName: string, payload?: string, headers: Record<string, string> = {}): Promise<Reply> {
  const body = Buffer.from(payload ?? '');
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${api.url}/2015-03-31/functions/${encodeURIComponent(functionName).replace(/\$/g, '%24')}/invocations`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(body.length),
          'x-amz-user-agent': 'aws-sdk-js/3.1164.0',
          'x-amz-date': '20260101T000000Z',
          authorization: 'AWS4-HMAC-SHA256 Credential=fake/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0',
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('startLambdaInvokeApi', () => {
  const logged: string[] = [];
  const log = { notice: (m: string) => logged.push(m), warning: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
  const runtime = new LocalLambdaRuntime({ region: 'us-east-1' });
  let api: LambdaInvokeApi;
  beforeAll(async () => {
    api = await startLambdaInvokeApi({ host: '127.0.0.1', port: 0, runtime, resolveFunction, log });
  });
  afterAll(async () => {
    await api.close();
    await runtime.close();
  });

  it('answers RequestResponse with the JSON payload, by deployed name or key', async () => {
    const reply = await invoke(api, 'svc-dev-echo', '{"a":1}', { 'x-amz-invocation-type': 'RequestResponse' });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-amz-executed-version']).toBe('$LATEST');
    expect(reply.headers['x-amz-function-error']).toBeUndefined();
    expect(JSON.parse(reply.body)).toEqual({ event: { a: 1 }, clientContext: null, functionName: 'svc-dev-echo' });
    const byKey = await invoke(api, 'echo', '{"b":2}');
    expect(JSON.parse(byKey.body).event).toEqual({ b: 2 });
  });

  it('accepts qualifiers and ARNs, and an empty payload as {}', async () => {
    expect(JSON.parse((await invoke(api, 'svc-dev-echo:$LATEST')).body).event).toEqual({});
    expect((await invoke(api, 'arn:aws:lambda:us-east-1:123456789012:function:svc-dev-echo', '[1]')).status).toBe(200);
    expect(parseFunctionName('123456789012%3Afunction%3Afoo%3Aprod')).toEqual({ name: 'foo', qualifier: 'prod' });
    expect(parseFunctionName('arn%3Aaws%3Alambda%3Aeu-west-1%3A1%3Afunction%3Abar')).toEqual({ name: 'bar' });
  });

  it('JSON-encodes string results and answers null for undefined', async () => {
    expect((await invoke(api, 'text')).body).toBe('"just a string"');
    expect((await invoke(api, 'nothing')).body).toBe('null');
  });

  it('reports a function error as 200 with X-Amz-Function-Error: Unhandled', async () => {
    const reply = await invoke(api, 'fail', '{}');
    expect(reply.status).toBe(200);
    expect(reply.headers['x-amz-function-error']).toBe('Unhandled');
    const body = JSON.parse(reply.body);
    expect(body).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    expect(Array.isArray(body.trace)).toBe(true);
  });

  it('returns the base64 log tail with LogType Tail, at most 4 KB', async () => {
    const reply = await invoke(api, 'chatty', '{"lines":200}', { 'x-amz-log-type': 'Tail' });
    const tail = Buffer.from(String(reply.headers['x-amz-log-result']), 'base64').toString('utf8');
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4096);
    expect(tail).toContain('last line é');
    expect(tail).toMatch(/REPORT RequestId: [0-9a-f-]{36}\tDuration: /);
    expect(tail).not.toContain('START RequestId');
    const short = Buffer.from(String((await invoke(api, 'chatty', '{"lines":1}', { 'x-amz-log-type': 'Tail' })).headers['x-amz-log-result']), 'base64').toString('utf8');
    expect(short).toMatch(/^START RequestId: .* Version: \$LATEST\n/);
    expect((await invoke(api, 'chatty', '{"lines":1}')).headers['x-amz-log-result']).toBeUndefined();
    expect(Buffer.from(logTail(['é'.repeat(3000)]), 'base64').toString('utf8')).toMatch(/^é+\n$/);
  });

  it('passes X-Amz-Client-Context to context.clientContext and rejects a bad one', async () => {
    const clientContext = Buffer.from(JSON.stringify({ custom: { k: 'v' } })).toString('base64');
    expect(JSON.parse((await invoke(api, 'echo', '{}', { 'x-amz-client-context': clientContext })).body).clientContext).toEqual({ custom: { k: 'v' } });
    const bad = await invoke(api, 'echo', '{}', { 'x-amz-client-context': Buffer.from('nope').toString('base64') });
    expect(bad.status).toBe(400);
    expect(bad.headers['x-amzn-errortype']).toBe('InvalidRequestContentException');
  });

  it('runs Event invocations in the background with 202, and answers DryRun with 204', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stratus-invoke-')), 'out.json');
    const reply = await invoke(api, 'record', JSON.stringify({ file }), { 'x-amz-invocation-type': 'Event' });
    expect(reply.status).toBe(202);
    expect(reply.body).toBe('');
    expect(fs.existsSync(file)).toBe(false);
    for (let i = 0; i < 100 && !fs.existsSync(file); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ file });
    const dry = await invoke(api, 'record', JSON.stringify({ file: `${file}.dry` }), { 'x-amz-invocation-type': 'DryRun' });
    expect(dry.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fs.existsSync(`${file}.dry`)).toBe(false);
    expect((await invoke(api, 'echo', '{}', { 'x-amz-invocation-type': 'Sometimes' })).status).toBe(400);
  });

  it('answers an unknown function with ResourceNotFoundException and bad JSON with 400', async () => {
    const missing = await invoke(api, 'svc-dev-nope', '{}');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(JSON.parse(missing.body)).toEqual({ Type: 'User', message: 'Function not found: svc-dev-nope' });
    const badJson = await invoke(api, 'echo', '{nope');
    expect(badJson.status).toBe(400);
    expect(badJson.headers['x-amzn-errortype']).toBe('InvalidRequestContentException');
  });

  it('fails clearly when the port is taken', async () => {
    await expect(startLambdaInvokeApi({ host: '127.0.0.1', port: api.port, runtime, resolveFunction, log })).rejects.toMatchObject({ code: 'OFFLINE_PORT_IN_USE' });
  });
});

// Through the real SDK when this package can resolve it (add `@aws-sdk/client-lambda: catalog:` to devDependencies).
let sdk: typeof import('@aws-sdk/client-lambda') | undefined;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk = require('@aws-sdk/client-lambda');
} catch {
  sdk = undefined;
}
(sdk ? describe : describe.skip)('startLambdaInvokeApi through @aws-sdk/client-lambda', () => {
  const runtime = new LocalLambdaRuntime({ region: 'us-east-1' });
  let api: LambdaInvokeApi;
  const log = { notice: () => undefined, warning: () => undefined, error: () => undefined };
  beforeAll(async () => {
    api = await startLambdaInvokeApi({ host: '127.0.0.1', port: 0, runtime, resolveFunction, log });
  });
  afterAll(async () => {
    await api.close();
    await runtime.close();
  });

  it('invokes, reports function errors and missing functions as the SDK expects', async () => {
    const { LambdaClient, InvokeCommand, ResourceNotFoundException } = sdk as typeof import('@aws-sdk/client-lambda');
    const client = new LambdaClient({ endpoint: api.url, region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } });
    const result = await client.send(new InvokeCommand({ FunctionName: 'svc-dev-echo:$LATEST', Payload: Buffer.from('{"a":1}'), LogType: 'Tail', ClientContext: Buffer.from('{"x":1}').toString('base64') }));
    expect(result.StatusCode).toBe(200);
    expect(result.ExecutedVersion).toBe('$LATEST');
    expect(JSON.parse(Buffer.from(result.Payload ?? []).toString())).toMatchObject({ event: { a: 1 }, clientContext: { x: 1 } });
    expect(Buffer.from(result.LogResult ?? '', 'base64').toString()).toContain('REPORT RequestId');
    const failed = await client.send(new InvokeCommand({ FunctionName: 'fail' }));
    expect(failed.FunctionError).toBe('Unhandled');
    expect((await client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event' }))).StatusCode).toBe(202);
    expect((await client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }))).StatusCode).toBe(204);
    await expect(client.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    client.destroy();
  });
});
