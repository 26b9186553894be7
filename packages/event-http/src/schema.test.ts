import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHttpEventSchema, httpEventSchema } from './schema';
import { runStratus } from './__fixtures__/run-stratus';

/** `stratus print` on a service with these functions, validated by the real schema (core + AWS provider + this package). */
async function validate(functions: string, mode: 'warn' | 'error' = 'error') {
  const dir = mkdtempSync(path.join(tmpdir(), 'stratus-http-schema-'));
  try {
    writeFileSync(path.join(dir, 'serverless.yml'), `service: svc\nconfigValidationMode: ${mode}\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n${functions}`);
    return await runStratus(['print', '--format', 'json'], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fn = (events: string) => `  hello:\n    handler: handler.hello\n    events:\n${events}`;

describe('http event schema', () => {
  test('is the same for every registration, and a fresh copy each time', () => {
    expect(createHttpEventSchema()).toEqual(httpEventSchema);
    expect(createHttpEventSchema()).not.toBe(createHttpEventSchema());
    expect(httpEventSchema).toMatchSnapshot();
  });

  test('accepts every documented form', async () => {
    const run = await validate(
      fn(`      - http: GET /users/{id}
      - http: 'ANY /'
      - http:
          path: /items
          method: post
          cors: true
          private: true
          async: true
          operationId: createItem
          integration: lambda
          authorizer: aws_iam
          request:
            parameters:
              querystrings: { q: true, page: { required: false, mappedValue: method.request.querystring.p } }
              paths: { id: true }
              headers: { X-Id: false }
            schemas:
              application/json: { type: object }
            template:
              application/json: '{}'
            passThrough: WHEN_NO_TEMPLATES
            contentHandling: CONVERT_TO_TEXT
          response:
            headers: { Content-Type: "'application/json'" }
            template: $input.path('$')
            statusCodes:
              201: { pattern: '' }
              400: { pattern: '.*Bad.*', headers: { X-A: "'a'" }, template: { application/json: x } }
      - http:
          path: secure
          method: GET
          cors:
            origins: ['https://a.com', 'https://*.b.com']
            headers: [Content-Type]
            allowCredentials: true
            maxAge: 600
            cacheControl: max-age=600
            methods: [GET, OPTIONS]
          authorizer:
            name: auth
            type: request
            resultTtlInSeconds: 0
            identitySource: method.request.header.Auth
            identityValidationExpression: .+
            claims: [email]
            scopes: [openid]
            managedExternally: false
      - http:
          path: pool
          method: get
          authorizer:
            arn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc
      - http:
          path: proxy/{p+}
          method: any
          integration: http-proxy
          connectionType: vpc-link
          connectionId: abc
          request:
            uri: http://example.com/{p}
      - http:
          path: existing
          method: get
          authorizer: { type: COGNITO_USER_POOLS, authorizerId: { Ref: Auth } }
`),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test.each([
    ['method: GETT', `      - http:\n          path: users\n          method: GETT\n`, "at 'functions.hello.events.0.http.method': value 'GETT' does not satisfy pattern /^(?:\\*|GET|POST|PUT|PATCH|OPTIONS|HEAD|DELETE|ANY)$/i"],
    ['a short form without path', `      - http: GET\n`, "at 'functions.hello.events.0.http': value 'GET' does not satisfy pattern /^(?:\\*|(GET|POST|PUT|PATCH|OPTIONS|HEAD|DELETE|ANY) (\\/\\S*))$/i"],
    ['no method', `      - http:\n          path: users\n`, "at 'functions.hello.events.0.http': must have required property 'method'"],
    ['a misspelt key', `      - http:\n          path: users\n          method: get\n          cros: true\n`, "at 'functions.hello.events.0.http.cros': unrecognized property 'cros'"],
    ['an unknown integration', `      - http:\n          path: users\n          method: get\n          integration: lambda-proxi\n`, "at 'functions.hello.events.0.http.integration'"],
    ['a cache time over an hour', `      - http:\n          path: users\n          method: get\n          authorizer: { name: a, resultTtlInSeconds: 7200 }\n`, 'must be <= 3600'],
  ])('rejects %s', async (_name, events, message) => {
    const run = await validate(fn(events));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  test('in the default (warn) mode, a short form without its leading slash only warns, as in v3', async () => {
    const run = await validate(fn(`      - http: GET users\n`), 'warn');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("value 'GET users' does not satisfy pattern");
  });
});
