import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseYaml } from '@stratus/core';
import { startOffline, type OfflineServer } from '../offline-server';
import { captureLogger, request } from '../test-support';

jest.setTimeout(30_000);

const SERVICE_DIR = path.join(__dirname, '__fixtures__', 'service');
const configuration = parseYaml(readFileSync(path.join(SERVICE_DIR, 'serverless.yml'), 'utf8'), 'serverless.yml') as Record<string, unknown>;

let server: OfflineServer;
let base: string;
const { log, lines } = captureLogger();

beforeAll(async () => {
  server = await startOffline({ configuration, options: { httpPort: '0', host: '127.0.0.1' }, serviceDir: SERVICE_DIR, log });
  base = `${server.url}/dev`;
});
afterAll(() => server.close());

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  request(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

describe('request templates', () => {
  it('default: the v3 event, with the parsed body and the request as maps of strings', async () => {
    const reply = await postJson(`${base}/default/7?q=1&q=2`, { a: 1, nested: { b: [true] } }, { 'X-Test': "it's \"v\"" });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    const event = reply.json();
    expect(Object.keys(event).sort()).toEqual(
      ['body', 'cognitoPoolClaims', 'enhancedAuthContext', 'headers', 'identity', 'method', 'path', 'principalId', 'query', 'requestPath', 'stage', 'stageVariables'].sort(),
    );
    expect(event).toMatchObject({
      body: { a: 1, nested: { b: [true] } },
      method: 'POST',
      principalId: '',
      stage: 'dev',
      cognitoPoolClaims: { sub: '' },
      enhancedAuthContext: {},
      query: { q: '2' },
      path: { id: '7' },
      stageVariables: {},
      requestPath: '/default/{id}',
    });
    expect(event.headers['X-Test']).toBe("it's \"v\"");
    expect(event.identity.sourceIp).toBe('127.0.0.1');
  });

  it('default: an empty body is {}, a form body is decoded, a body that is not JSON is refused as API Gateway does', async () => {
    expect((await request(`${base}/default/1`, { method: 'POST' })).json().body).toEqual({});
    const form = await request(`${base}/form`, { method: 'POST', body: 'a=1&b=x%20y+z&flag', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.json().body).toEqual({ a: '1', b: 'x y z', flag: '' });
    const broken = await postJson(`${base}/default/1`, '{"a":');
    expect(broken.status).toBe(400);
    expect(broken.json().message).toMatch(/^Could not parse request body into json: /);
  });

  it('default: carries the authorizer principal and context', async () => {
    const event = (await request(`${base}/guarded`, { headers: { Authorization: 'allow' } })).json();
    expect(event.principalId).toBe('user-7');
    expect(event.enhancedAuthContext).toMatchObject({ principalId: 'user-7', tier: 'gold' });
    expect((await request(`${base}/guarded`, { headers: { Authorization: 'deny' } })).status).toBe(403);
  });

  it('custom: $input, $util, $context and $stageVariables', async () => {
    const body = { user: { name: 'Ada' }, tags: ['x', 'y', 'z'], quote: 'say "hi"\n', embedded: '{"k":"v"}' };
    const reply = await postJson(`${base}/custom/42?q=find&enc=a%252Bb%2520c`, body, { 'X-Custom': 'custom-header' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      id: '42',
      q: 'find',
      header: 'custom-header',
      pathMap: '42',
      name: 'Ada',
      firstTag: 'x',
      tagCount: 3,
      quoted: 'say "hi"\n',
      decoded: 'a+b c',
      encoded: 'a+b%26c%2Fd',
      b64: 'aGkgdGhlcmU=',
      unb64: 'hi there',
      parsed: 'v',
      stage: 'dev',
      resourcePath: '/custom/{id}',
      stageVariableCount: 0,
    });
  });

  it('custom: the template is picked by content type; one without a template is 415 (passThrough NEVER)', async () => {
    const text = await request(`${base}/custom/1`, { method: 'POST', body: 'plain "words"', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(text.json()).toEqual({ text: 'plain "words"' });
    const csv = await request(`${base}/custom/1`, { method: 'POST', body: 'a,b', headers: { 'content-type': 'text/csv' } });
    expect(csv.status).toBe(415);
    expect(csv.json()).toEqual({ message: 'Unsupported Media Type' });
  });

  it('a <handler>.req.vm beside the handler is the request template, a .res.vm the response template', async () => {
    const reply = await postJson(`${base}/vm`, { who: 'file' });
    expect(reply.json()).toEqual({ result: { fromFile: true, who: 'file', method: 'POST' }, via: 'res.vm' });
  });
});

describe('responses', () => {
  it('pass the result through as JSON with a 200 by default', async () => {
    const reply = await request(`${base}/passthrough`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.json()).toEqual({ message: 'hi', items: [1, 2] });
  });

  it('apply the response template, with static headers, headers from the result and the content type from response.headers', async () => {
    const reply = await request(`${base}/templated`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/vnd.test+json');
    expect(reply.headers.get('x-static')).toBe('yes');
    // Mapped from the result as API Gateway maps integration.response.body.<JSONPath>: strings as is, the rest as JSON.
    expect(reply.headers.get('x-mapped')).toBe('hi');
    expect(reply.headers.get('x-items')).toBe('[1,2]');
    expect(reply.headers.get('x-missing')).toBeNull();
    // A header Lambda's Invoke API response does not have: not sent, and nothing to warn about.
    expect(reply.headers.get('x-from-header')).toBeNull();
    expect(reply.json()).toEqual({ items: [1, 2], message: 'hi', stage: 'dev' });
    expect(lines.join('')).not.toMatch(/X-From-Header/);
    // What API Gateway would not deploy is said at start, and not sent.
    expect(reply.headers.get('x-echo')).toBeNull();
    expect(lines.join('')).toMatch(
      /functions\.respond \(GET \/templated\): response\.headers\.X-Echo: "method\.request\.header\.X-Echo" is not a response mapping expression API Gateway accepts .*API Gateway would reject it/,
    );
  });

  it("map headers from Lambda's response headers, $context and JSONPath, and pick the template by Accept", async () => {
    const xml = await request(`${base}/negotiated`, { headers: { Accept: 'text/html;q=0.9, application/xml' } });
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toBe('application/xml');
    expect(xml.text).toBe('<reply><message>hi</message><large>[2]</large></reply>');
    expect(xml.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(xml.headers.get('x-source')).toBe('127.0.0.1');
    expect(xml.headers.get('x-large-items')).toBe('[2]');
    // v3 defines no stage variables: nothing to send.
    expect(xml.headers.get('x-stage-version')).toBeNull();

    const json = await request(`${base}/negotiated`, { headers: { Accept: 'image/png, */*;q=0.1' } });
    expect(json.headers.get('content-type')).toBe('application/json');
    expect(json.json()).toEqual({ message: 'hi', all: ['hi', [1, 2], 1, 2] });
    // Each invocation has its own request id.
    expect(json.headers.get('x-request-id')).not.toBe(xml.headers.get('x-request-id'));
    expect((await request(`${base}/negotiated`, { headers: { Accept: 'application/xml;q=0, application/json' } })).headers.get('content-type')).toBe('application/json');
  });

  it('async: true answers once the event is accepted (empty body, the success status) and the function runs on', async () => {
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'stratus-async-')), 'ran');
    const reply = await postJson(`${base}/later`, { marker });
    expect([reply.status, reply.text, reply.headers.get('x-accepted')]).toEqual([200, '', 'yes']);
    // Lambda's 202 to an Event invocation carries the invocation's request id, but no executed version.
    const requestId = reply.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers.get('x-version')).toBeNull();
    expect(existsSync(marker)).toBe(false);
    // (Read until it has content: the file exists a moment before it is written.)
    for (const started = Date.now(); !existsSync(marker) || readFileSync(marker, 'utf8') === ''; ) {
      if (Date.now() - started > 10_000) throw new Error('the async invocation never ran');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(readFileSync(marker, 'utf8')).toBe(requestId);
  });

  it('an error with [NNN] gets that status and the Lambda error body', async () => {
    const reply = await postJson(`${base}/fail`, { message: '[404] no such item' });
    expect(reply.status).toBe(404);
    expect(reply.json()).toMatchObject({ errorMessage: '[404] no such item', errorType: 'CustomError' });
    expect(Array.isArray(reply.json().stackTrace)).toBe(true);
    // A code no response declares still gives the status (serverless-offline's convention).
    expect((await postJson(`${base}/fail`, { message: 'teapot [418]' })).status).toBe(418);
    // The first [NNN] wins.
    expect((await postJson(`${base}/fail`, { message: '[403] then [401]' })).status).toBe(403);
  });

  it('an error no pattern matches gets the default response, as in API Gateway', async () => {
    const reply = await postJson(`${base}/fail`, { message: 'plain failure' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ errorMessage: 'plain failure', errorType: 'CustomError' });
  });

  it('statusCodes: a pattern picks the status, its headers and its template; the empty pattern is the success status', async () => {
    const conflict = await postJson(`${base}/fail-custom`, { message: 'a conflict happened' });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('x-conflict')).toBe('true');
    expect(conflict.headers.get('x-common')).toBe('common');
    expect(conflict.headers.get('x-function-error')).toBe('Unhandled');
    expect(conflict.json()).toEqual({ problem: 'a conflict happened', type: 'CustomError' });
    const other = await postJson(`${base}/fail-custom`, { message: 'something else' });
    expect(other.status).toBe(201);
    expect(other.headers.get('x-conflict')).toBeNull();
  });

  it('a function timeout is a 504 through the default pattern', async () => {
    const reply = await request(`${base}/slow`);
    expect(reply.status).toBe(504);
    expect(reply.json().errorMessage).toMatch(/Task timed out after 1\.00 seconds/);
  });
});

describe('request schemas', () => {
  it('lambda: a body that does not fit the provider model is a 400', async () => {
    const bad = await postJson(`${base}/validated`, { nom: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ message: 'Invalid request body' });
    expect(bad.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect((await postJson(`${base}/validated`, 'not json')).status).toBe(400);
    const good = await postJson(`${base}/validated`, { name: 'ok' });
    expect(good.status).toBe(200);
    expect(good.json().body).toEqual({ name: 'ok' });
  });

  it('lambda-proxy: validated too', async () => {
    const bad = await postJson(`${base}/proxy-validated`, { count: 'three' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ message: 'Invalid request body' });
    expect((await postJson(`${base}/proxy-validated`, {})).status).toBe(400);
    const good = await postJson(`${base}/proxy-validated`, { count: 3 });
    expect(good.status).toBe(200);
    expect(good.json()).toEqual({ received: { count: 3 } });
    // No model for the content type: nothing to validate against.
    const text = await request(`${base}/proxy-validated`, { method: 'POST', body: '{"count": 4}', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(200);
  });
});
