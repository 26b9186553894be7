/**
 * What a Cognito user pool authorizer checks, done locally: the token is a JWT, not expired,
 * issued by the configured pool, of the right kind (an ID token, or an access token carrying one
 * of the method's scopes). The signature is not verified: that needs the pool's keys from AWS.
 */
export type CognitoTokenCheck = { allow: true; claims: Record<string, string> } | { allow: false; reason: string };

export interface CognitoTokenOptions {
  /** The authorizer's `arn` (a literal user pool ARN is checked against `iss`; an intrinsic function is not). */
  userPoolArn?: unknown;
  /** OAuth scopes of the method: an access token must carry one of them. */
  scopes?: string[];
  now?: number;
}

const USER_POOL_ARN = /^arn:aws[\w-]*:cognito-idp:([\w-]+):\d{12}:userpool\/([\w-]+)$/;

function decodePayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function checkCognitoToken(rawToken: string | undefined, options: CognitoTokenOptions): CognitoTokenCheck {
  const token = rawToken?.replace(/^Bearer\s+/i, '').trim();
  if (!token) return { allow: false, reason: 'no token' };
  const payload = decodePayload(token);
  if (!payload) return { allow: false, reason: 'the token is not a JWT' };
  const now = options.now ?? Date.now();
  if (typeof payload.exp === 'number' && payload.exp * 1000 <= now) return { allow: false, reason: 'the token has expired' };
  const pool = typeof options.userPoolArn === 'string' ? USER_POOL_ARN.exec(options.userPoolArn) : null;
  if (pool) {
    const issuer = `https://cognito-idp.${pool[1]}.amazonaws.com/${pool[2]}`;
    if (payload.iss !== issuer) return { allow: false, reason: `the token was not issued by ${issuer}` };
  }
  const scopes = options.scopes ?? [];
  if (scopes.length > 0) {
    const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.some((scope) => granted.includes(scope))) return { allow: false, reason: `the token has none of the scopes ${scopes.join(', ')}` };
  } else if (payload.token_use !== undefined && payload.token_use !== 'id') {
    // Without scopes API Gateway expects an ID token.
    return { allow: false, reason: 'an ID token is expected (the method has no OAuth scopes)' };
  }
  const claims: Record<string, string> = {};
  // REST APIs hand claims to the integration as strings.
  for (const [name, value] of Object.entries(payload)) claims[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return { allow: true, claims };
}
