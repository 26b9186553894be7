import { checkCognitoToken } from './cognito-token';

const POOL_ARN = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123';
const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
const NOW = Date.UTC(2026, 10, 23);

function jwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', kid: 'k' })}.${encode(payload)}.signature`;
}

const idToken = (extra: Record<string, unknown> = {}) => jwt({ sub: 'u-1', iss: ISSUER, token_use: 'id', exp: NOW / 1000 + 60, email_verified: true, ...extra });

describe('checkCognitoToken', () => {
  it('accepts a current ID token from the pool, with or without "Bearer", and gives its claims as strings', () => {
    for (const token of [idToken(), `Bearer ${idToken()}`]) {
      expect(checkCognitoToken(token, { userPoolArn: POOL_ARN, now: NOW })).toEqual({
        allow: true,
        claims: { sub: 'u-1', iss: ISSUER, token_use: 'id', exp: String(NOW / 1000 + 60), email_verified: 'true' },
      });
    }
  });

  it('refuses a missing, malformed, expired or foreign token', () => {
    expect(checkCognitoToken(undefined, { now: NOW })).toEqual({ allow: false, reason: 'no token' });
    expect(checkCognitoToken('not-a-jwt', { now: NOW })).toEqual({ allow: false, reason: 'the token is not a JWT' });
    expect(checkCognitoToken(idToken({ exp: NOW / 1000 - 1 }), { now: NOW })).toEqual({ allow: false, reason: 'the token has expired' });
    expect(checkCognitoToken(idToken({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/other' }), { userPoolArn: POOL_ARN, now: NOW })).toEqual({
      allow: false,
      reason: `the token was not issued by ${ISSUER}`,
    });
  });

  it('does not check the issuer when the pool ARN is an intrinsic function', () => {
    expect(checkCognitoToken(idToken({ iss: 'https://elsewhere' }), { userPoolArn: { 'Fn::GetAtt': ['Pool', 'Arn'] }, now: NOW }).allow).toBe(true);
  });

  it('needs an ID token without scopes, and an access token with one of the scopes otherwise', () => {
    const access = jwt({ sub: 'u-1', iss: ISSUER, token_use: 'access', scope: 'openid items/read', exp: NOW / 1000 + 60 });
    expect(checkCognitoToken(access, { userPoolArn: POOL_ARN, now: NOW })).toEqual({ allow: false, reason: 'an ID token is expected (the method has no OAuth scopes)' });
    expect(checkCognitoToken(access, { userPoolArn: POOL_ARN, scopes: ['items/read'], now: NOW }).allow).toBe(true);
    expect(checkCognitoToken(access, { userPoolArn: POOL_ARN, scopes: ['items/write'], now: NOW })).toEqual({ allow: false, reason: 'the token has none of the scopes items/write' });
  });
});
