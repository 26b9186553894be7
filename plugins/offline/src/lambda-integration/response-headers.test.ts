import type { InvokeOutcome } from '@stratus/lambda-runtime';
import type { ProxyEvent } from '../event-builder';
import { parseHeaderExpression } from './header-expression';
import { acceptedHeaders, invokedHeaders, traceId } from './invocation-headers';
import { applyResponseHeaders, compileResponseHeaders, type HeaderEntry, type ResponseSources } from './response-headers';

const request = (authorizer?: Record<string, unknown>): ProxyEvent => ({
  body: null,
  headers: {},
  multiValueHeaders: {},
  httpMethod: 'GET',
  isBase64Encoded: false,
  path: '/dev/items',
  pathParameters: null,
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  resource: '/items',
  stageVariables: null,
  requestContext: {
    accountId: 'acc',
    apiId: 'api',
    ...(authorizer ? { authorizer } : {}),
    domainName: 'localhost',
    domainPrefix: 'localhost',
    extendedRequestId: 'ext-1',
    httpMethod: 'GET',
    identity: { sourceIp: '127.0.0.1', accessKey: null },
    path: '/dev/items',
    protocol: 'HTTP/1.1',
    requestId: 'req-1',
    requestTime: 't',
    requestTimeEpoch: 1700000000000,
    resourceId: 'res',
    resourcePath: '/items',
    stage: 'dev',
  },
});

const success: InvokeOutcome = { ok: true, payload: { id: 7 }, logs: [], durationMs: 1, requestId: 'invocation-1' };
const failure: InvokeOutcome = { ok: false, error: { errorMessage: 'boom', errorType: 'Error' }, logs: [], durationMs: 1, requestId: 'invocation-2', timedOut: false };

const entries = (headers: Record<string, string>, prefix = 'response.headers'): HeaderEntry[] =>
  Object.entries(headers).map(([name, expression]) => ({ name, expression, key: `${prefix}.${name}` }));

function mapHeaders(headers: Record<string, string>, sources: Partial<ResponseSources> = {}): { headers: Record<string, string>; warnings: string[]; unsupported: string[]; problems: string[] } {
  const warnings: string[] = [];
  const unsupported: string[] = [];
  const problems: string[] = [];
  const compiled = compileResponseHeaders(entries(headers), 'functions.f (GET /items)', (message) => warnings.push(message));
  const mapped = applyResponseHeaders(compiled, {
    payload: '{"id":7,"name":"Ada","tags":["a","b"],"nested":{"k":true}}',
    invocationHeaders: invokedHeaders(success),
    request: request(),
    onUnsupportedPath: (path) => unsupported.push(path),
    onProblem: (reason) => problems.push(reason),
    ...sources,
  });
  return { headers: mapped, warnings, unsupported, problems };
}

describe('header mapping expressions', () => {
  it('say what each accepted expression reads', () => {
    expect(parseHeaderExpression("'text/html'")).toEqual({ kind: 'static', value: 'text/html' });
    expect(parseHeaderExpression("''")).toEqual({ kind: 'static', value: '' });
    expect(parseHeaderExpression('integration.response.body')).toEqual({ kind: 'body', path: '$' });
    expect(parseHeaderExpression('integration.response.body.a.b')).toEqual({ kind: 'body', path: '$.a.b' });
    expect(parseHeaderExpression('integration.response.body[0]')).toEqual({ kind: 'body', path: '$[0]' });
    expect(parseHeaderExpression('integration.response.header.X-Amzn-RequestId')).toEqual({ kind: 'integration-header', name: 'x-amzn-requestid' });
    expect(parseHeaderExpression('integration.response.multivalueheader.Date')).toEqual({ kind: 'integration-header', name: 'date' });
    expect(parseHeaderExpression('context.authorizer.claims.sub')).toEqual({ kind: 'context', keys: ['authorizer', 'claims', 'sub'] });
    expect(parseHeaderExpression('stageVariables.version')).toEqual({ kind: 'stage-variable', name: 'version' });
  });

  it('refuse what API Gateway refuses at deploy time', () => {
    for (const expression of ['method.request.header.X-Id', 'text/html', 'integration.response.bodyx', 'integration.response.header.', 'context.', 'context..a', 'stageVariables.a-b', 'request.header.x', '"quoted"']) {
      expect([expression, parseHeaderExpression(expression)]).toEqual([expression, undefined]);
    }
  });
});

describe('response headers', () => {
  it('send static values and values from the body: strings as is, the rest as JSON, nothing as no header', () => {
    const { headers, warnings } = mapHeaders({
      'X-Static': "'yes'",
      'X-Name': 'integration.response.body.name',
      'X-Id': 'integration.response.body.id',
      'X-Nested': 'integration.response.body.nested',
      'X-Whole': 'integration.response.body',
      'X-Tags': 'integration.response.body.tags[*]',
      'X-Missing': 'integration.response.body.nothing',
    });
    expect(headers).toEqual({
      'x-static': 'yes',
      'x-name': 'Ada',
      'x-id': '7',
      'x-nested': '{"k":true}',
      'x-whole': '{"id":7,"name":"Ada","tags":["a","b"],"nested":{"k":true}}',
      'x-tags': '["a","b"]',
    });
    expect(warnings).toEqual([]);
  });

  it("send the Lambda Invoke API response's headers, names in any case", () => {
    const { headers } = mapHeaders({
      'X-Request-Id': 'integration.response.header.x-amzn-RequestId',
      'X-Version': 'integration.response.multivalueheader.X-AMZ-EXECUTED-VERSION',
      'X-Type': 'integration.response.header.Content-Type',
      'X-Date': 'integration.response.header.Date',
      'X-Trace': 'integration.response.header.X-Amzn-Trace-Id',
      'X-Error': 'integration.response.header.X-Amz-Function-Error',
      'X-Unknown': 'integration.response.header.Foo',
    });
    expect(headers['x-request-id']).toBe('invocation-1');
    expect(headers['x-version']).toBe('$LATEST');
    expect(headers['x-type']).toBe('application/json');
    expect(new Date(headers['x-date'] as string).toUTCString()).toBe(headers['x-date']);
    expect(headers['x-trace']).toMatch(/^root=1-[0-9a-f]{8}-[0-9a-f]{24};sampled=0$/);
    // Only a failed function gets X-Amz-Function-Error; a header Lambda does not send is not sent.
    expect('x-error' in headers).toBe(false);
    expect('x-unknown' in headers).toBe(false);
    expect(mapHeaders({ 'X-Error': 'integration.response.header.X-Amz-Function-Error' }, { invocationHeaders: invokedHeaders(failure) }).headers).toEqual({ 'x-error': 'Unhandled' });
  });

  it('send $context values: strings as is, numbers as text, objects as JSON, nothing as no header', () => {
    const sources = { request: request({ principalId: 'user-7', claims: { sub: 'abc' }, admin: true }) };
    const { headers } = mapHeaders(
      {
        'X-Source': 'context.identity.sourceIp',
        'X-Request': 'context.requestId',
        'X-Epoch': 'context.requestTimeEpoch',
        'X-Principal': 'context.authorizer.principalId',
        'X-Sub': 'context.authorizer.claims.sub',
        'X-Admin': 'context.authorizer.admin',
        'X-Claims': 'context.authorizer.claims',
        'X-Access-Key': 'context.identity.accessKey',
        'X-Nothing': 'context.authorizer.nothing',
        'X-Proto': 'context.identity.constructor',
      },
      sources,
    );
    expect(headers).toEqual({
      'x-source': '127.0.0.1',
      'x-request': 'req-1',
      'x-epoch': '1700000000000',
      'x-principal': 'user-7',
      'x-sub': 'abc',
      'x-admin': 'true',
      'x-claims': '{"sub":"abc"}',
    });
  });

  it('send no stage variable (v3 defines none)', () => {
    expect(mapHeaders({ 'X-Version': 'stageVariables.version' })).toEqual({ headers: {}, warnings: [], unsupported: [], problems: [] });
  });

  it('leave out, and report, a mapped value no header can carry', () => {
    const mapped = mapHeaders({ 'X-Text': 'integration.response.body.text', 'X-Latin': 'integration.response.body.latin' }, { payload: '{"text":"two\\nlines","latin":"café"}' });
    expect(mapped.headers).toEqual({ 'x-latin': 'café' });
    expect(mapped.problems).toEqual([expect.stringMatching(/^the value mapped: the header x-text has a character no HTTP header can carry/)]);
  });

  it('warn at start about what API Gateway would reject, naming the route, the header and the expression, and leave it out', () => {
    const { headers, warnings } = mapHeaders({ 'X-Echo': 'method.request.header.X-Echo', 'X-Literal': 'text', 'X-Ok': "'ok'" });
    expect(headers).toEqual({ 'x-ok': 'ok' });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^functions\.f \(GET \/items\): response\.headers\.X-Echo: "method\.request\.header\.X-Echo" is not a response mapping expression API Gateway accepts .*API Gateway would reject it, and the header is not sent\.$/);
    expect(warnings[1]).toMatch(/response\.headers\.X-Literal: "text"/);
    // A static value or a name Node could not write: warned at start, not a failure per request.
    const unsendable = mapHeaders({ 'X-Two': "'a\nb'", 'Bad Name': "'x'", 'X-Ok': "'ok'" });
    expect(unsendable.headers).toEqual({ 'x-ok': 'ok' });
    expect(unsendable.warnings).toEqual([
      expect.stringMatching(/response\.headers\.X-Two: the header X-Two has a character no HTTP header can carry .*; the header is not sent\.$/),
      expect.stringMatching(/response\.headers\.Bad Name: the header name "Bad Name" is not a valid HTTP header name; the header is not sent\.$/),
    ]);
  });

  it('warn at start about a body JSONPath offline cannot evaluate, and report filters that fail when run', () => {
    const bad = mapHeaders({ 'X-Len': 'integration.response.body.tags.length()' });
    expect(bad.headers).toEqual({});
    expect(bad.warnings).toEqual([expect.stringMatching(/response\.headers\.X-Len: "integration\.response\.body\.tags\.length\(\)" — \$\.tags\.length\(\) is not a JSONPath offline evaluates/)]);
    const failing = mapHeaders({ 'X-Filter': 'integration.response.body.tags[?(@ ==)]' });
    expect(failing.headers).toEqual({});
    expect(failing.unsupported).toEqual(['$.tags[?(@ ==)]']);
  });

  it('let a status code replace a common header of the same name (any case), and warn once for shared entries', () => {
    const warnings: string[] = [];
    const compiled = new Map();
    const common = entries({ 'X-Kind': "'common'", 'X-Bad': 'method.request.path.id' });
    const forCode = (headers: Record<string, string>) =>
      compileResponseHeaders([...common, ...entries(headers, 'response.statusCodes.409.headers')], 'f', (message) => warnings.push(message), compiled);
    expect(forCode({ 'x-kind': "'conflict'" }).fixed).toEqual({ 'x-kind': 'conflict' });
    expect(forCode({}).fixed).toEqual({ 'x-kind': 'common' });
    expect(warnings).toHaveLength(1);
  });
});

describe('Lambda Invoke API response headers', () => {
  it('of an accepted Event invocation: the request id, a trace id and the date only', () => {
    const accepted = acceptedHeaders('invocation-9');
    expect(accepted('x-amzn-requestid')).toBe('invocation-9');
    expect(accepted('x-amzn-trace-id')).toMatch(/^root=1-[0-9a-f]{8}-[0-9a-f]{24};sampled=0$/);
    expect(accepted('date')).toMatch(/ GMT$/);
    expect([accepted('content-type'), accepted('x-amz-executed-version'), accepted('x-amz-function-error')]).toEqual([undefined, undefined, undefined]);
  });

  it('are made once per response: the same trace id each time it is read', () => {
    const headers = invokedHeaders(success);
    expect(headers('x-amzn-trace-id')).toBe(headers('x-amzn-trace-id'));
    expect(headers('constructor')).toBeUndefined();
  });

  it('carry the epoch seconds in the trace id', () => {
    expect(traceId(new Date(0x65000000 * 1000))).toMatch(/^root=1-65000000-[0-9a-f]{24};sampled=0$/);
  });
});
