import { startOffline, type OfflineServer } from './offline-server';
import { captureLogger, FIXTURE_DIR, fixtureConfiguration, request } from './test-support';

jest.setTimeout(30_000);

let server: OfflineServer;
let base: string;
const { log, lines } = captureLogger();

beforeAll(async () => {
  server = await startOffline({ configuration: fixtureConfiguration(), options: { httpPort: '0', host: '127.0.0.1' }, serviceDir: FIXTURE_DIR, log });
  base = `${server.url}/dev`;
});
afterAll(() => server.close());

describe('start-up', () => {
  it('prints the route table, the API keys and the ready line', () => {
    const output = lines.join('');
    expect(output).toContain('Starting Offline at stage dev (eu-west-1)');
    expect(output).toContain(`GET     | ${server.url}/dev/hello`);
    expect(output).toContain(`ANY     | ${server.url}/dev/proxy/{proxy+}`);
    expect(output).toContain("Key with token: 'key-one-0123456789'");
    expect(output).toContain("Key with token: 'key-two-0123456789'");
    expect(output).toContain(`Server ready: ${server.url}`);
  });
});

describe('routes', () => {
  it('matches params, proxy+, ANY, and ignores trailing slashes', async () => {
    expect((await request(`${base}/echo/a%20b/`)).json().event.pathParameters).toEqual({ id: 'a b' });
    expect((await request(`${base}/echo/7`, { method: 'DELETE' })).json().event.httpMethod).toBe('DELETE');
    const proxy = (await request(`${base}/proxy/a/b/c`)).json().event;
    expect(proxy.pathParameters).toEqual({ proxy: 'a/b/c' });
    expect(proxy.resource).toBe('/proxy/{proxy+}');
  });

  it('prefers a literal route over a greedy one', async () => {
    const reply = await request(`${base}/items/special`);
    expect(reply.json().event.requestContext.operationName).toBe('getSpecial');
  });

  it('answers 404 with the route list when nothing matches', async () => {
    const reply = await request(`${base}/nothing`);
    expect(reply.status).toBe(404);
    expect(reply.json()).toMatchObject({ currentRoute: 'get - /dev/nothing', statusCode: 404 });
    expect(reply.json().existingRoutes).toContain('get - /dev/hello');
    expect((await request(`${server.url}/hello`)).status).toBe(404); // the stage is part of the path
    expect((await request(`${base}/proxy`)).status).toBe(404); // {proxy+} needs one segment
  });
});

describe('the lambda-proxy event', () => {
  it('has headers with their casing, multi-values, the query and the request context', async () => {
    const reply = await request(`${base}/echo/42?a=1&a=2&b=x%20y`, { headers: { 'X-Mixed-Case': 'v', 'User-Agent': 'jest-agent' } });
    const { event, isOffline } = reply.json();
    expect(isOffline).toBe('true');
    expect(event.headers['X-Mixed-Case']).toBe('v');
    expect(event.multiValueHeaders['X-Mixed-Case']).toEqual(['v']);
    expect(event.queryStringParameters).toEqual({ a: '2', b: 'x y' });
    expect(event.multiValueQueryStringParameters).toEqual({ a: ['1', '2'], b: ['x y'] });
    expect(event).toMatchObject({ httpMethod: 'GET', path: '/echo/42', resource: '/echo/{id}', body: null, isBase64Encoded: false, stageVariables: null });
    const ctx = event.requestContext;
    expect(ctx).toMatchObject({ stage: 'dev', resourcePath: '/echo/{id}', httpMethod: 'GET', path: '/dev/echo/42', protocol: 'HTTP/1.1', accountId: 'offlineContext_accountId' });
    expect(ctx.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(ctx.requestTimeEpoch - Date.now())).toBeLessThan(5000);
    expect(ctx.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(ctx.identity.sourceIp).toBe('127.0.0.1');
    expect(ctx.identity.userAgent).toBe('jest-agent');
    expect(ctx.authorizer).toBeUndefined();
  });

  it('has nulls for no query and no params', async () => {
    const { event } = (await request(`${base}/echo`, { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' } })).json();
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.body).toBe('{"x":1}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes binary bodies', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251]);
    const { event } = (await request(`${base}/echo`, { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream' } })).json();
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(bytes);
  });
});

describe('response mapping', () => {
  it('maps status, headers and multi-value headers', async () => {
    const reply = await request(`${base}/custom`);
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('created');
    expect(reply.headers.get('x-custom')).toBe('yes');
    expect(reply.headers.get('content-type')).toBe('text/plain');
    expect(reply.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('defaults content-type to JSON and supports callbacks', async () => {
    const hello = await request(`${base}/hello`);
    expect(hello.headers.get('content-type')).toBe('application/json');
    expect(hello.json()).toEqual({ message: 'hello' });
    const callback = await request(`${base}/callback`);
    expect([callback.status, callback.text]).toEqual([202, 'via callback']);
  });

  it('decodes base64 bodies', async () => {
    const response = await fetch(`${base}/binary`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('answers 502 as API Gateway does for a thrown error, a non-string body and a header no HTTP response can carry', async () => {
    for (const path of ['throws', 'object-body', 'bad-header']) {
      const reply = await request(`${base}/${path}`);
      expect(reply.status).toBe(502);
      expect(reply.json()).toEqual({ message: 'Internal server error' });
    }
    expect(lines.join('')).toContain('GET /dev/bad-header: malformed Lambda proxy response: the header x-two-lines has a character no HTTP header can carry');
  });

  it('answers 504 when the function times out', async () => {
    const started = Date.now();
    const reply = await request(`${base}/slow`);
    expect(reply.status).toBe(504);
    expect(reply.json()).toEqual({ message: 'Endpoint request timed out' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('runs Python handlers', async () => {
    const reply = await request(`${base}/py/abc`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-runtime')).toBe('python');
    expect(reply.json()).toEqual({ path: '/py/abc', id: 'abc', isOffline: 'true' });
  });
});

describe('CORS', () => {
  it('answers a preflight for a cors: true route with the cors* option defaults', async () => {
    const reply = await request(`${base}/hello`, { method: 'OPTIONS', headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET' } });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('access-control-allow-methods')).toBe('OPTIONS,GET');
    expect(reply.headers.get('access-control-allow-headers')).toBe('accept,content-type,x-api-key,authorization');
    expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('uses the route settings: listed origins, headers, credentials, max age', async () => {
    const reply = await request(`${base}/cors-custom`, { method: 'OPTIONS', headers: { Origin: 'https://b.example' } });
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect(reply.headers.get('access-control-allow-headers')).toBe('X-One,X-Two');
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
    expect(reply.headers.get('access-control-max-age')).toBe('600');
    const get = await request(`${base}/cors-custom`, { headers: { Origin: 'https://a.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://a.example');
  });

  it('adds the allow-origin header to responses of cors routes only', async () => {
    expect((await request(`${base}/hello`)).headers.get('access-control-allow-origin')).toBe('*');
    expect((await request(`${base}/custom`)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('API keys', () => {
  it('requires one of the configured keys on private routes', async () => {
    const missing = await request(`${base}/private`);
    expect(missing.status).toBe(403);
    expect(missing.json()).toEqual({ message: 'Forbidden' });
    expect((await request(`${base}/private`, { headers: { 'x-api-key': 'wrong' } })).status).toBe(403);
    expect((await request(`${base}/private`, { headers: { 'x-api-key': 'key-one-0123456789' } })).status).toBe(200);
    expect((await request(`${base}/private`, { headers: { 'x-api-key': 'key-two-0123456789' } })).status).toBe(200);
  });
});

describe('Lambda authorizers', () => {
  it('TOKEN: allow passes the context and principalId', async () => {
    const reply = await request(`${base}/guarded`, { headers: { Authorization: 'allow' } });
    expect(reply.status).toBe(200);
    expect(reply.json().event.requestContext.authorizer).toMatchObject({ principalId: 'user-1', role: 'admin', level: '3' });
  });

  it('TOKEN: deny is a 403, an Unauthorized error or a missing token a 401', async () => {
    const deny = await request(`${base}/guarded`, { headers: { Authorization: 'deny' } });
    expect(deny.status).toBe(403);
    expect(deny.json()).toEqual({ message: 'User is not authorized to access this resource with an explicit deny' });
    const bad = await request(`${base}/guarded`, { headers: { Authorization: 'nope' } });
    expect([bad.status, bad.json()]).toEqual([401, { message: 'Unauthorized' }]);
    const none = await request(`${base}/guarded`);
    expect([none.status, none.json()]).toEqual([401, { message: 'Unauthorized' }]);
  });

  it('REQUEST: gets the request, allows, denies, refuses', async () => {
    const ok = await request(`${base}/tenant?tenant=acme`);
    expect(ok.status).toBe(200);
    expect(ok.json().event.requestContext.authorizer).toMatchObject({ principalId: 'tenant-acme', tenant: 'acme', path: '/tenant' });
    expect((await request(`${base}/tenant?tenant=evil`)).status).toBe(403);
    expect((await request(`${base}/tenant?tenant=other`)).status).toBe(401);
    expect((await request(`${base}/tenant`)).status).toBe(401);
  });
});
