import { startOffline, type OfflineServer } from './offline-server';
import { captureLogger, FIXTURE_DIR, fixtureConfiguration, request } from './test-support';

jest.setTimeout(30_000);

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';

function jwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256' })}.${encode(payload)}.not-verified`;
}

let server: OfflineServer;
let base: string;
const { log, lines } = captureLogger();

beforeAll(async () => {
  const configuration = fixtureConfiguration();
  const functions = configuration.functions as Record<string, unknown>;
  functions.members = {
    handler: 'handlers.echo',
    events: [
      { http: { path: 'members', method: 'get', authorizer: { name: 'pool', arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123' } } },
      { http: { path: 'members/write', method: 'post', authorizer: { name: 'pool', arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123', scopes: ['members/write'] } } },
    ],
  };
  server = await startOffline({ configuration, options: { httpPort: '0', host: '127.0.0.1' }, serviceDir: FIXTURE_DIR, log });
  base = `${server.url}/dev`;
});
afterAll(() => server.close());

describe('Cognito user pool authorizers', () => {
  const inOneMinute = () => Math.floor(Date.now() / 1000) + 60;

  it('says at start that signatures are not verified', () => {
    expect(lines.join('')).toContain('GET /members (λ: members): Cognito tokens are checked for expiry, issuer and scopes; their signatures are not verified locally.');
  });

  it('passes a valid ID token, its claims in requestContext.authorizer.claims', async () => {
    const exp = inOneMinute();
    const reply = await request(`${base}/members`, { headers: { Authorization: jwt({ sub: 'u-1', iss: ISSUER, token_use: 'id', exp, 'cognito:username': 'ada' }) } });
    expect(reply.status).toBe(200);
    expect(reply.json().event.requestContext.authorizer).toEqual({ claims: { sub: 'u-1', iss: ISSUER, token_use: 'id', exp: String(exp), 'cognito:username': 'ada' } });
  });

  it('answers 401 as API Gateway does for a missing, expired or foreign token', async () => {
    const unauthorized = [401, { message: 'Unauthorized' }];
    const reply = async (token?: string) => {
      const response = await request(`${base}/members`, token === undefined ? {} : { headers: { Authorization: token } });
      return [response.status, response.json()];
    };
    expect(await reply()).toEqual(unauthorized);
    expect(await reply(jwt({ sub: 'u-1', iss: ISSUER, token_use: 'id', exp: 1 }))).toEqual(unauthorized);
    expect(await reply(jwt({ sub: 'u-1', iss: 'https://cognito-idp.eu-west-1.amazonaws.com/other', token_use: 'id', exp: inOneMinute() }))).toEqual(unauthorized);
  });

  it('checks OAuth scopes on access tokens', async () => {
    const access = (scope: string) => jwt({ sub: 'u-1', iss: ISSUER, token_use: 'access', scope, exp: inOneMinute() });
    expect((await request(`${base}/members/write`, { method: 'POST', headers: { Authorization: `Bearer ${access('members/write')}` } })).status).toBe(200);
    expect((await request(`${base}/members/write`, { method: 'POST', headers: { Authorization: `Bearer ${access('members/read')}` } })).status).toBe(401);
  });
});
