import { contextVariable } from '../vtl/context-variable';
import { inputVariable, type RequestParams } from '../vtl/input-variable';
import { compileMappingTemplate } from '../vtl/mapping-template';
import { stageVariables } from '../vtl/stage-variables';
import { utilVariable } from '../vtl/util-variable';
import type { ProxyRequestContext } from '../event-builder';
import { defaultRequestTemplates } from './default-request-templates';

const requestContext = (authorizer?: Record<string, unknown>): ProxyRequestContext => ({
  accountId: 'acc',
  apiId: 'api',
  ...(authorizer ? { authorizer } : {}),
  domainName: 'd',
  domainPrefix: 'p',
  extendedRequestId: 'x',
  httpMethod: 'POST',
  identity: { sourceIp: '127.0.0.1', accessKey: null, userAgent: "it's \"quoted\"" },
  path: '/dev/items/7',
  protocol: 'HTTP/1.1',
  requestId: 'r',
  requestTime: 't',
  requestTimeEpoch: 1,
  resourceId: 'res',
  resourcePath: '/items/{id}',
  stage: 'dev',
});

function render(contentType: string, body: string, params: RequestParams, authorizer?: Record<string, unknown>, extraClaims: string[] = []): unknown {
  const template = compileMappingTemplate(defaultRequestTemplates(extraClaims)[contentType] as string, 'default');
  const text = template.render({ input: inputVariable(body, params, () => undefined), context: contextVariable(requestContext(authorizer)), util: utilVariable, stageVariables });
  return JSON.parse(text);
}

const params: RequestParams = { path: { id: '7' }, querystring: { q: "a'b" }, header: { 'Content-Type': 'application/json', 'X-Quote': 'say "hi"\\' } };

describe('the default request templates', () => {
  it('make the v3 event from a JSON body', () => {
    expect(render('application/json', '{"name":"Ada","n":[1,2]}', params)).toEqual({
      body: { name: 'Ada', n: [1, 2] },
      method: 'POST',
      principalId: '',
      stage: 'dev',
      cognitoPoolClaims: { sub: '' },
      enhancedAuthContext: {},
      headers: { 'Content-Type': 'application/json', 'X-Quote': 'say "hi"\\' },
      query: { q: "a'b" },
      path: { id: '7' },
      identity: { sourceIp: '127.0.0.1', accessKey: '', userAgent: "it's \"quoted\"" },
      stageVariables: {},
      requestPath: '/items/{id}',
    });
  });

  it('give {} for an empty body and pass the authorizer', () => {
    const event = render('application/json', '', params, { principalId: 'user-1', role: 'admin', claims: { sub: 'abc' } }) as Record<string, any>;
    expect(event.body).toEqual({});
    expect(event.principalId).toBe('user-1');
    expect(event.cognitoPoolClaims).toEqual({ sub: 'abc' });
    expect(event.enhancedAuthContext).toMatchObject({ principalId: 'user-1', role: 'admin' });
  });

  it("add the authorizer's claims to cognitoPoolClaims (v3's extra Cognito pool claims), names with colons too", () => {
    const claims = { sub: 'abc', email: "ada@example.com", 'cognito:groups': 'admins' };
    const event = render('application/json', '', params, { claims }, ['email', 'cognito:groups', 'missing']) as Record<string, any>;
    expect(event.cognitoPoolClaims).toEqual({ sub: 'abc', email: 'ada@example.com', 'cognito:groups': 'admins', missing: '' });
  });

  it('decode a form body', () => {
    const event = render('application/x-www-form-urlencoded', 'a=1&b=x%20y+z&flag&eq=p%3Dq=r&', params) as Record<string, any>;
    expect(event.body).toEqual({ a: '1', b: 'x y z', flag: '', eq: 'p=q=r' });
  });
});
