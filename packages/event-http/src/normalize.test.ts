import { normalizeHttpEvent } from './normalize';
import { errorOf } from './__fixtures__/compile';

const where = { functionKey: 'getUser', index: 1 };

describe('normalizeHttpEvent: short form', () => {
  test.each([
    ['GET users/{id}', 'users/{id}', 'GET'],
    ['get /users/{id}/', 'users/{id}', 'GET'],
    ['ANY /', '', 'ANY'],
    ['ANY {proxy+}', '{proxy+}', 'ANY'],
    ['  POST   /users  ', 'users', 'POST'],
  ])('%j → path %j, method %s', (definition, path, method) => {
    expect(normalizeHttpEvent(definition)).toEqual({ path, method, integration: 'lambda-proxy', async: false, private: false });
  });

  test('a short form without a path names the event', () => {
    const error = errorOf(() => normalizeHttpEvent('GET', { where }));
    expect(error.code).toBe('HTTP_INVALID_EVENT');
    expect(error.message).toBe('serverless.yml: functions.getUser.events[1].http: "GET" is not "<METHOD> <path>" (for example "GET /users/{id}").');
  });

  test('an unknown method is refused with a suggestion', () => {
    const error = errorOf(() => normalizeHttpEvent({ path: 'users', method: 'GETT' }, { where }));
    expect(error.code).toBe('HTTP_INVALID_METHOD');
    expect(error.message).toBe('serverless.yml: functions.getUser.events[1].http: "GETT" is not an HTTP method. Did you mean "GET"?');
    expect(error.hint).toBe('Use one of GET, POST, PUT, PATCH, OPTIONS, HEAD, DELETE, ANY.');
  });

  test('"*" (which v3\'s schema lets through) is not a method', () => {
    expect(errorOf(() => normalizeHttpEvent('* /x')).code).toBe('HTTP_INVALID_METHOD');
  });

  test.each([[null], [42], [['GET /']]])('%j is not an http event', (definition) => {
    expect(errorOf(() => normalizeHttpEvent(definition)).code).toBe('HTTP_INVALID_EVENT');
  });
});

describe('normalizeHttpEvent: long form', () => {
  test('path and method are required', () => {
    expect(errorOf(() => normalizeHttpEvent({ method: 'get' }, { where })).message).toContain('"path" is missing');
    expect(errorOf(() => normalizeHttpEvent({ path: '/' }, { where })).message).toContain('"method" is missing');
  });

  test('every setting, normalised', () => {
    expect(normalizeHttpEvent({ path: '/users/', method: 'post', private: true, operationId: 'createUser', async: true })).toEqual({
      path: 'users',
      method: 'POST',
      integration: 'lambda',
      async: true,
      private: true,
      operationId: 'createUser',
      response: expect.objectContaining({ statusCodes: expect.objectContaining({ 200: { pattern: '' } }) }),
    });
  });

  test.each([
    ['lambda-proxy', 'lambda-proxy'],
    ['LAMBDA_PROXY', 'lambda-proxy'],
    ['aws_proxy', 'lambda-proxy'],
    ['lambda', 'lambda'],
    ['AWS', 'lambda'],
    ['mock', 'mock'],
  ])('integration %s → %s', (integration, expected) => {
    expect(normalizeHttpEvent({ path: 'x', method: 'get', integration }).integration).toBe(expected);
  });

  test('an unknown integration is refused', () => {
    expect(errorOf(() => normalizeHttpEvent({ path: 'x', method: 'get', integration: 'lambda-proxi' })).message).toContain('"integration: lambda-proxi" is not supported');
  });

  test('http and http-proxy need the backend uri, and a VPC link its id', () => {
    expect(errorOf(() => normalizeHttpEvent({ path: 'x', method: 'get', integration: 'http' }, { where })).code).toBe('HTTP_MISSING_REQUEST_URI');
    expect(errorOf(() => normalizeHttpEvent({ path: 'x', method: 'get', integration: 'http-proxy', request: { uri: 'https://a' }, connectionType: 'vpc-link' })).code).toBe(
      'HTTP_MISSING_CONNECTION_ID',
    );
    const event = normalizeHttpEvent({ path: 'x', method: 'get', integration: 'http-proxy', request: { uri: 'https://a/{p}' }, connectionType: 'VPC_LINK', connectionId: 'abc' });
    expect(event).toMatchObject({ integration: 'http-proxy', request: { uri: 'https://a/{p}' }, connection: { type: 'VPC_LINK', id: 'abc' } });
    expect(event.response).toBeUndefined();
  });
});

describe('normalizeHttpEvent: cors', () => {
  const cors = (value: unknown, method = 'get') => normalizeHttpEvent({ path: 'x', method, cors: value }).cors;
  const DEFAULT_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'];

  test('cors: true', () => {
    expect(cors(true)).toEqual({ origin: '*', origins: ['*'], headers: DEFAULT_HEADERS, methods: ['OPTIONS', 'GET'], allowCredentials: false });
  });

  test('cors: false is no CORS', () => {
    expect(cors(false)).toBeUndefined();
  });

  test('an origins list', () => {
    expect(cors({ origins: ['https://a.com', 'https://*.b.com'], headers: ['X-Custom'] }, 'post')).toEqual({
      origins: ['https://a.com', 'https://*.b.com'],
      headers: ['X-Custom'],
      methods: ['OPTIONS', 'POST'],
      allowCredentials: false,
    });
  });

  test('one origin, comma-separated origins, a header string, methods, maxAge, cacheControl, credentials', () => {
    expect(cors({ origin: 'https://a.com, https://b.com', headers: 'X-One', methods: ['PUT'], maxAge: 86400, cacheControl: 'max-age=600', allowCredentials: true })).toEqual({
      origin: 'https://a.com, https://b.com',
      origins: ['https://a.com', 'https://b.com'],
      headers: ['X-One'],
      methods: ['PUT', 'OPTIONS', 'GET'],
      allowCredentials: true,
      maxAge: 86400,
      cacheControl: 'max-age=600',
    });
  });
});

describe('normalizeHttpEvent: authorizer', () => {
  const authorizer = (value: unknown, extra: Record<string, unknown> = {}) =>
    normalizeHttpEvent({ path: 'x', method: 'get', authorizer: value, ...extra }, { where, functions: ['auth', 'getUser'] }).authorizer;

  test.each([['aws_iam'], ['AWS_IAM'], [{ type: 'aws_iam' }]])('%j → IAM', (value) => {
    expect(authorizer(value)).toEqual({ kind: 'aws-iam' });
  });

  test('a function of the service (short form: no cache setting)', () => {
    expect(authorizer('auth')).toEqual({
      kind: 'lambda',
      type: 'TOKEN',
      name: 'auth',
      functionName: 'auth',
      identitySource: 'method.request.header.Authorization',
      claims: [],
      managedExternally: false,
    });
  });

  test('a function that does not exist is named, with a suggestion', () => {
    const error = errorOf(() => authorizer('auht'));
    expect(error.code).toBe('HTTP_AUTHORIZER_FUNCTION_NOT_FOUND');
    expect(error.message).toBe('serverless.yml: functions.getUser.events[1].http: the authorizer "auht" is not a function of this service. Did you mean "auth"?');
  });

  test('a Lambda ARN: the name is its last segment', () => {
    expect(authorizer('arn:aws:lambda:us-east-1:123456789012:function:svc-dev-authorizer')).toMatchObject({
      kind: 'lambda',
      name: 'authorizer',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:svc-dev-authorizer',
    });
  });

  test('a Cognito user pool ARN', () => {
    expect(authorizer({ arn: 'arn:aws:cognito-idp:us-east-1:123:userpool/us-east-1_AbC', scopes: ['email'] })).toEqual({
      kind: 'cognito',
      type: 'COGNITO_USER_POOLS',
      name: '1_AbC',
      arn: 'arn:aws:cognito-idp:us-east-1:123:userpool/us-east-1_AbC',
      identitySource: 'method.request.header.Authorization',
      resultTtlInSeconds: 300,
      claims: [],
      scopes: ['email'],
      managedExternally: false,
    });
  });

  test('a REQUEST authorizer with caching off has no identity source', () => {
    expect(authorizer({ name: 'auth', type: 'request', resultTtlInSeconds: 0 })).toEqual({
      kind: 'lambda',
      type: 'REQUEST',
      name: 'auth',
      functionName: 'auth',
      resultTtlInSeconds: 0,
      claims: [],
      managedExternally: false,
    });
  });

  test('every object setting', () => {
    expect(
      authorizer({ name: 'auth', type: 'token', resultTtlInSeconds: 60, identitySource: 'method.request.header.X-Token', identityValidationExpression: '^Bearer', managedExternally: true }),
    ).toEqual({
      kind: 'lambda',
      type: 'TOKEN',
      name: 'auth',
      functionName: 'auth',
      resultTtlInSeconds: 60,
      identitySource: 'method.request.header.X-Token',
      identityValidationExpression: '^Bearer',
      claims: [],
      managedExternally: true,
    });
  });

  test('an existing authorizer, by id', () => {
    expect(authorizer({ type: 'COGNITO_USER_POOLS', authorizerId: { Ref: 'Auth' }, scopes: ['a'] })).toEqual({
      kind: 'existing',
      type: 'COGNITO_USER_POOLS',
      authorizerId: { Ref: 'Auth' },
      scopes: ['a'],
      claims: [],
    });
  });

  test('errors: neither name nor ARN, a computed ARN without name, Cognito claims with lambda-proxy', () => {
    expect(errorOf(() => authorizer({ type: 'token' })).code).toBe('HTTP_AUTHORIZER_NAME_OR_ARN_MISSING');
    expect(errorOf(() => authorizer({ arn: { 'Fn::GetAtt': ['Pool', 'Arn'] }, type: 'COGNITO_USER_POOLS' })).code).toBe('HTTP_AUTHORIZER_NAME_REQUIRED');
    expect(errorOf(() => authorizer({ arn: 'arn:aws:cognito-idp:us-east-1:1:userpool/p', claims: ['email'] })).code).toBe('HTTP_COGNITO_CLAIMS_WITH_PROXY');
    expect(authorizer({ arn: 'arn:aws:cognito-idp:us-east-1:1:userpool/p', claims: ['email'] }, { integration: 'lambda' })).toMatchObject({ claims: ['email'] });
  });

  test('a computed Cognito ARN with a name', () => {
    expect(authorizer({ name: 'pool', type: 'cognito_user_pools', arn: { 'Fn::GetAtt': ['Pool', 'Arn'] } })).toMatchObject({ kind: 'cognito', name: 'pool', arn: { 'Fn::GetAtt': ['Pool', 'Arn'] } });
  });
});

describe('normalizeHttpEvent: request and response', () => {
  test('parameters: booleans and objects, in three locations', () => {
    const event = normalizeHttpEvent({
      path: 'x',
      method: 'get',
      request: { parameters: { querystrings: { q: true, page: false }, paths: { id: { required: true } }, headers: { 'X-A': { mappedValue: 'context.requestId' } } } },
    });
    expect(event.request).toEqual({
      parameters: {
        querystrings: { q: { required: true }, page: { required: false } },
        paths: { id: { required: true } },
        headers: { 'X-A': { required: true, mappedValue: 'context.requestId' } },
      },
    });
  });

  test('schemas: an object, an explicit definition, a string', () => {
    const event = normalizeHttpEvent({
      path: 'x',
      method: 'post',
      request: { schemas: { 'application/json': { type: 'object' }, 'text/plain': { schema: { type: 'string' }, name: 'Text', description: 'd' }, 'application/xml': 'model-id' } },
    });
    expect(event.request?.schemas).toEqual({
      'application/json': { schema: { type: 'object' } },
      'text/plain': { schema: { type: 'string' }, name: 'Text', description: 'd' },
      'application/xml': { schema: 'model-id' },
    });
  });

  test('lambda-proxy keeps parameters and schemas; templates and responses are dropped with a warning', () => {
    const warnings: string[] = [];
    const event = normalizeHttpEvent(
      { path: 'x', method: 'get', request: { template: { 'application/json': '{}' }, parameters: { paths: { id: true } } }, response: { headers: {} } },
      { where, onWarning: (message) => warnings.push(message) },
    );
    expect(event.request).toEqual({ parameters: { querystrings: {}, paths: { id: { required: true } }, headers: {} } });
    expect(event.response).toBeUndefined();
    expect(warnings).toEqual([
      'serverless.yml: functions.getUser.events[1].http: with the lambda-proxy integration only request.parameters, request.schemas apply; request.template is ignored.',
      'serverless.yml: functions.getUser.events[1].http: "response" does not apply to the lambda-proxy integration and is ignored.',
    ]);
  });

  test('lambda: templates, pass-through and status codes (a default 200 is added when no code has an empty pattern)', () => {
    const event = normalizeHttpEvent({
      path: 'x',
      method: 'get',
      integration: 'lambda',
      request: { template: { 'application/json': '{"a":1}', 'application/x-www-form-urlencoded': null }, passThrough: 'WHEN_NO_TEMPLATES', contentHandling: 'CONVERT_TO_TEXT' },
      response: { headers: { 'X-A': "'a'" }, template: '$input.path("$")', statusCodes: { 201: { pattern: '' }, 409: { pattern: '.*conflict.*', headers: { 'X-B': "'b'" }, template: { 'text/plain': 'x' } } } },
    });
    expect(event.request).toEqual({ template: { 'application/json': '{"a":1}', 'application/x-www-form-urlencoded': null }, passThrough: 'WHEN_NO_TEMPLATES', contentHandling: 'CONVERT_TO_TEXT' });
    expect(event.response).toEqual({
      headers: { 'X-A': "'a'" },
      template: '$input.path("$")',
      statusCodes: { 201: { pattern: '' }, 409: { pattern: '.*conflict.*', headers: { 'X-B': "'b'" }, template: { 'text/plain': 'x' } } },
    });
    const withoutDefault = normalizeHttpEvent({ path: 'x', method: 'get', integration: 'lambda', response: { statusCodes: { 400: { pattern: 'Bad' } } } });
    expect(Object.keys(withoutDefault.response?.statusCodes ?? {})).toEqual(['200', '400']);
  });

  test('lambda without response settings: v3\'s nine status codes', () => {
    const event = normalizeHttpEvent({ path: 'x', method: 'get', integration: 'lambda' });
    expect(Object.keys(event.response?.statusCodes ?? {})).toEqual(['200', '400', '401', '403', '404', '422', '500', '502', '504']);
    expect(event.response?.statusCodes['504']?.pattern).toBe('([\\s\\S]*\\[504\\][\\s\\S]*)|(.*Task timed out after \\d+\\.\\d+ seconds$)');
  });
});
