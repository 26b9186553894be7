import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RouteMatch } from './routes';

/** The API Gateway REST (payload 1.0) lambda-proxy event. */
export interface ProxyEvent {
  body: string | null;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  httpMethod: string;
  isBase64Encoded: boolean;
  path: string;
  pathParameters: Record<string, string> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  resource: string;
  stageVariables: null;
  requestContext: ProxyRequestContext;
}

export interface ProxyRequestContext {
  accountId: string;
  apiId: string;
  authorizer?: Record<string, unknown>;
  domainName: string;
  domainPrefix: string;
  extendedRequestId: string;
  httpMethod: string;
  identity: Record<string, string | null>;
  operationName?: string;
  path: string;
  protocol: string;
  requestId: string;
  requestTime: string;
  requestTimeEpoch: number;
  resourceId: string;
  resourcePath: string;
  stage: string;
}

/** What the event builder needs besides the request. */
export interface RequestInfo {
  method: string;
  /** The URL path as requested (`/dev/items/a%20b`). */
  pathname: string;
  /** The query string without `?` ('' when none). */
  search: string;
  body: Buffer;
  match: RouteMatch;
  stage: string;
  /** The leading segments that are not part of the resource: `/<stage>` (the `--prefix` stays in `path`). */
  stagePath: string;
}

/** Content types whose bodies reach the handler base64-encoded (as serverless-offline decides). */
const BINARY_TYPES = /application\/octet-stream|multipart\/form-data|^image\/|^audio\/|^video\/|application\/zip|application\/pdf/i;

export const ACCOUNT_ID = process.env.SLS_ACCOUNT_ID ?? 'offlineContext_accountId';
export const API_ID = 'offlineContext_apiId';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let clfSecond = -1;
let clfText = '';

/** `23/Nov/2026:00:11:15 +0000` (cached per second: it is on the request path). */
export function requestTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== clfSecond) {
    const d = new Date(second * 1000);
    const two = (n: number) => String(n).padStart(2, '0');
    clfText = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
    clfSecond = second;
  }
  return clfText;
}

function identityValue(env: string): string {
  return process.env[env] ?? `offlineContext_${env.replace(/^SLS_/, '').toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())}`;
}

/**
 * The identity fields that do not depend on the request, read from the environment once: reading
 * `process.env` is slow, and this is on every request's path.
 */
let staticIdentity: Record<string, string | null> | undefined;
function identityDefaults(): Record<string, string | null> {
  staticIdentity ??= {
    accessKey: null,
    accountId: process.env.SLS_ACCOUNT_ID ?? 'offlineContext_accountId',
    apiKey: identityValue('SLS_API_KEY'),
    apiKeyId: identityValue('SLS_API_KEY_ID'),
    caller: identityValue('SLS_CALLER'),
    cognitoAuthenticationProvider: identityValue('SLS_COGNITO_AUTHENTICATION_PROVIDER'),
    cognitoAuthenticationType: identityValue('SLS_COGNITO_AUTHENTICATION_TYPE'),
    cognitoIdentityId: identityValue('SLS_COGNITO_IDENTITY_ID'),
    cognitoIdentityPoolId: identityValue('SLS_COGNITO_IDENTITY_POOL_ID'),
    principalOrgId: null,
  };
  return staticIdentity;
}

/**
 * Everything the event is built from, as plain data: the server takes it from the request, and
 * the event can then be built in the handler's worker thread (see ./proxy-codec.ts).
 */
export interface ProxyRequestParts {
  method: string;
  pathname: string;
  search: string;
  /** `req.rawHeaders`: names with their original casing, then values. */
  rawHeaders: string[];
  userAgent: string;
  /**
   * The body as the handler gets it: text, or base64 for binary content types; null when empty.
   * (A string: a Buffer from the socket may view a much larger pooled memory block, which a
   * worker message would copy whole.)
   */
  body: string | null;
  isBase64Encoded: boolean;
  bodyLength: number;
  resource: string;
  operationId: string | undefined;
  pathParameters: Record<string, string> | null;
  stage: string;
  stagePath: string;
  sourceIp: string;
  httpVersion: string;
  /** For `private` routes: the `x-api-key` sent (identity.apiKey). */
  apiKey?: string | null;
}

export function requestParts(req: IncomingMessage, info: RequestInfo): ProxyRequestParts {
  return {
    method: info.method,
    pathname: info.pathname,
    search: info.search,
    rawHeaders: req.rawHeaders,
    userAgent: req.headers['user-agent'] ?? '',
    ...encodeBody(info.body, req.headers['content-type'] ?? ''),
    resource: info.match.route.resource,
    operationId: info.match.route.event.operationId,
    pathParameters: info.match.pathParameters,
    stage: info.stage,
    stagePath: info.stagePath,
    sourceIp: normalizeIp(req.socket.remoteAddress),
    httpVersion: req.httpVersion,
  };
}

function encodeBody(body: Buffer, contentType: string): Pick<ProxyRequestParts, 'body' | 'isBase64Encoded' | 'bodyLength'> {
  if (body.length === 0) return { body: null, isBase64Encoded: false, bodyLength: 0 };
  const isBase64Encoded = BINARY_TYPES.test(contentType);
  return { body: body.toString(isBase64Encoded ? 'base64' : 'utf8'), isBase64Encoded, bodyLength: body.length };
}

/** Headers with their original casing (from `rawHeaders`); `headers` keeps the last value of a repeated name. */
export function readHeaders(req: Pick<IncomingMessage, 'rawHeaders'>): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const raw = req.rawHeaders;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    headers[name] = value;
    const list = multiValueHeaders[name];
    if (list) list.push(value);
    else multiValueHeaders[name] = [value];
  }
  return { headers, multiValueHeaders };
}

function hasHeader(headers: Record<string, string>, lowerName: string): boolean {
  for (const name in headers) if (name.toLowerCase() === lowerName) return true;
  return false;
}

/** `a=1&a=2&b` → last values and all values, or nulls when there is no query. */
export function readQuery(search: string): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (search === '') return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  let any = false;
  for (const [name, value] of new URLSearchParams(search)) {
    any = true;
    single[name] = value;
    const list = multi[name];
    if (list) list.push(value);
    else multi[name] = [value];
  }
  return any ? { single, multi } : { single: null, multi: null };
}

/** Build the event a lambda-proxy handler receives for this request. */
export function buildProxyEvent(parts: ProxyRequestParts): ProxyEvent {
  const { headers, multiValueHeaders } = readHeaders(parts);
  const { single, multi } = readQuery(parts.search);
  const { body, isBase64Encoded } = parts;
  if (body !== null) {
    // serverless-offline adds these when a body exists (hapi would otherwise hide them).
    if (!hasHeader(headers, 'content-length')) {
      headers['Content-Length'] = String(parts.bodyLength);
      multiValueHeaders['Content-Length'] = [headers['Content-Length']];
    }
    if (!hasHeader(headers, 'content-type')) {
      headers['Content-Type'] = 'application/json';
      multiValueHeaders['Content-Type'] = ['application/json'];
    }
  }
  const now = Date.now();
  const path = parts.stagePath !== '' && parts.pathname.startsWith(parts.stagePath) ? parts.pathname.slice(parts.stagePath.length) || '/' : parts.pathname;
  const identity: Record<string, string | null> = {
    ...identityDefaults(),
    sourceIp: parts.sourceIp,
    user: 'offlineContext_user',
    userAgent: parts.userAgent,
    userArn: 'offlineContext_userArn',
  };
  if (parts.apiKey !== undefined) identity.apiKey = parts.apiKey;
  const requestContext: ProxyRequestContext = {
    accountId: ACCOUNT_ID,
    apiId: API_ID,
    domainName: 'offlineContext_domainName',
    domainPrefix: 'offlineContext_domainPrefix',
    extendedRequestId: randomUUID(),
    httpMethod: parts.method,
    identity,
    path: parts.pathname,
    protocol: `HTTP/${parts.httpVersion}`,
    requestId: randomUUID(),
    requestTime: requestTime(now),
    requestTimeEpoch: now,
    resourceId: 'offlineContext_resourceId',
    resourcePath: parts.resource,
    stage: parts.stage,
  };
  if (parts.operationId !== undefined) requestContext.operationName = parts.operationId;
  return {
    body,
    headers,
    multiValueHeaders,
    httpMethod: parts.method,
    isBase64Encoded,
    path,
    pathParameters: parts.pathParameters,
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    resource: parts.resource,
    stageVariables: null,
    requestContext,
  };
}

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
export function normalizeIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
