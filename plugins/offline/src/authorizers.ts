import type { IncomingMessage } from 'node:http';
import type { Logger } from '@stratus/core';
import type { HttpCognitoAuthorizer, HttpLambdaAuthorizer } from '@stratus/event-http';
import type { LocalFunction, LocalLambdaRuntime } from '@stratus/lambda-runtime';
import { checkCognitoToken } from './cognito-token';
import { ACCOUNT_ID, API_ID, type ProxyEvent } from './event-builder';
import { jsonReply, type HttpReply } from './response-mapper';
import type { Route } from './routes';

export type AuthorizerDecision = { allow: true; authorizer: Record<string, unknown>; usageIdentifierKey?: string } | { allow: false; reply: HttpReply };

interface AuthorizerResult {
  principalId: string;
  policyDocument: unknown;
  context: Record<string, unknown>;
  usageIdentifierKey?: string;
}

export const unauthorized = (): HttpReply => jsonReply(401, { message: 'Unauthorized' }, { 'x-amzn-ErrorType': 'UnauthorizedException' });
const explicitDeny = (): HttpReply => jsonReply(403, { message: 'User is not authorized to access this resource with an explicit deny' }, { 'x-amzn-ErrorType': 'AccessDeniedException' });
const implicitDeny = (): HttpReply => jsonReply(403, { message: 'User is not authorized to access this resource' }, { 'x-amzn-ErrorType': 'AccessDeniedException' });
const configurationError = (): HttpReply => jsonReply(500, { message: null }, { 'x-amzn-ErrorType': 'AuthorizerConfigurationException' });

/** An authorizer evaluated here: a function of the service, or a Cognito user pool (tokens decoded, not signature-checked). */
export type LocalAuthorizer = HttpLambdaAuthorizer | HttpCognitoAuthorizer;

/** The authorizer of a route that can be evaluated locally, or a reason it cannot. */
export function localAuthorizerOf(route: Route): { authorizer: LocalAuthorizer } | { unsupported: string } | undefined {
  const authorizer = route.event.authorizer;
  if (!authorizer) return undefined;
  if (authorizer.kind === 'lambda' && authorizer.functionName !== undefined) return { authorizer };
  if (authorizer.kind === 'cognito') return { authorizer };
  const what = authorizer.kind === 'lambda' ? 'an authorizer given by ARN' : authorizer.kind === 'aws-iam' ? 'aws_iam' : 'an existing authorizer (authorizerId)';
  return { unsupported: `${what} cannot be evaluated locally` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `*` and `?` wildcards, as IAM matches them. */
function wildcardMatch(pattern: string, text: string): boolean {
  if (pattern === '*') return true;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(text);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** `allow`, `deny` (an explicit Deny matches) or `none` (nothing allows this method ARN). */
export function evaluatePolicy(policyDocument: unknown, methodArn: string): 'allow' | 'deny' | 'none' {
  if (!isRecord(policyDocument)) return 'none';
  let allowed = false;
  for (const statement of asList(policyDocument.Statement)) {
    if (!isRecord(statement)) continue;
    const actionMatches = asList(statement.Action).some((action) => typeof action === 'string' && wildcardMatch(action, 'execute-api:Invoke'));
    const resourceMatches = asList(statement.Resource).some((resource) => typeof resource === 'string' && wildcardMatch(resource, methodArn));
    if (!actionMatches || !resourceMatches) continue;
    const effect = String(statement.Effect ?? '').toLowerCase();
    if (effect === 'deny') return 'deny';
    if (effect === 'allow') allowed = true;
  }
  return allowed ? 'allow' : 'none';
}

/** Where an identity source points: `method.request.header.Authorization`, `method.request.querystring.token`. */
function readIdentity(source: string, req: IncomingMessage, event: ProxyEvent): string | undefined {
  const header = /^method\.request\.header\.(.+)$/i.exec(source);
  if (header) {
    const value = req.headers[header[1]!.toLowerCase()];
    return Array.isArray(value) ? value.join(',') : value;
  }
  const query = /^method\.request\.querystring\.(.+)$/i.exec(source);
  if (query) return event.queryStringParameters?.[query[1]!] ?? undefined;
  return undefined;
}

/**
 * Runs Lambda authorizers (TOKEN and REQUEST) with the local runtime, as API Gateway does:
 * a missing identity or `Unauthorized` → 401, an explicit Deny → 403, nothing allowing the
 * method → 403, anything malformed → 500; results are cached per identity for `resultTtlInSeconds`.
 */
export class AuthorizerEvaluator {
  private readonly cache = new Map<string, { expires: number; result: AuthorizerResult }>();

  constructor(
    private readonly runtime: LocalLambdaRuntime,
    private readonly functions: () => ReadonlyMap<string, LocalFunction>,
    private readonly region: string,
    private readonly log: Logger,
  ) {}

  methodArn(stage: string, method: string, path: string): string {
    return `arn:aws:execute-api:${this.region}:${ACCOUNT_ID}:${API_ID}/${stage}/${method}${path}`;
  }

  /** Forget cached results (when functions are reloaded). */
  clear(): void {
    this.cache.clear();
  }

  async authorize(authorizer: LocalAuthorizer, req: IncomingMessage, event: ProxyEvent, methodArn: string): Promise<AuthorizerDecision> {
    if (authorizer.kind === 'cognito') return this.authorizeCognito(authorizer, req, event);
    const sources = (authorizer.identitySource ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
    const identities = sources.map((source) => readIdentity(source, req, event));
    if (identities.some((value) => value === undefined || value === '')) return { allow: false, reply: unauthorized() };
    const token = identities[0] ?? '';
    if (authorizer.type === 'TOKEN' && authorizer.identityValidationExpression && !new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(token)) {
      return { allow: false, reply: unauthorized() };
    }
    const ttl = authorizer.resultTtlInSeconds ?? 300;
    const cacheKey = ttl > 0 && sources.length > 0 ? `${authorizer.name}\u0000${identities.join('\u0000')}` : undefined;
    let result: AuthorizerResult | HttpReply;
    const cached = cacheKey === undefined ? undefined : this.cache.get(cacheKey);
    if (cached && cached.expires > Date.now()) {
      result = cached.result;
    } else {
      result = await this.invoke(authorizer, event, token, methodArn);
      if (cacheKey !== undefined && !('statusCode' in result)) this.cache.set(cacheKey, { expires: Date.now() + ttl * 1000, result });
    }
    if ('statusCode' in result) return { allow: false, reply: result };
    const verdict = evaluatePolicy(result.policyDocument, methodArn);
    if (verdict === 'deny') return { allow: false, reply: explicitDeny() };
    if (verdict === 'none') return { allow: false, reply: implicitDeny() };
    const context: Record<string, unknown> = {};
    // REST APIs hand context values to the integration as strings.
    for (const [key, value] of Object.entries(result.context)) context[key] = String(value);
    const decision: AuthorizerDecision = { allow: true, authorizer: { ...context, principalId: result.principalId, integrationLatency: 0 } };
    if (result.usageIdentifierKey !== undefined) decision.usageIdentifierKey = result.usageIdentifierKey;
    return decision;
  }

  /** A Cognito user pool authorizer: the token's claims reach the handler as `requestContext.authorizer.claims`. */
  private authorizeCognito(authorizer: HttpCognitoAuthorizer, req: IncomingMessage, event: ProxyEvent): AuthorizerDecision {
    const token = readIdentity(authorizer.identitySource ?? 'method.request.header.Authorization', req, event);
    const check = checkCognitoToken(token, { userPoolArn: authorizer.arn, ...(authorizer.scopes ? { scopes: authorizer.scopes } : {}) });
    if (!check.allow) {
      this.log.verbose(`Cognito authorizer "${authorizer.name}": ${check.reason}`);
      return { allow: false, reply: unauthorized() };
    }
    return { allow: true, authorizer: { claims: check.claims } };
  }

  private async invoke(authorizer: HttpLambdaAuthorizer, event: ProxyEvent, token: string, methodArn: string): Promise<AuthorizerResult | HttpReply> {
    const fn = this.functions().get(authorizer.functionName!);
    if (!fn) {
      this.log.error(`Authorizer "${authorizer.name}": function "${authorizer.functionName}" has no handler`);
      return configurationError();
    }
    const authorizerEvent =
      authorizer.type === 'TOKEN'
        ? { type: 'TOKEN', authorizationToken: token, methodArn }
        : {
            type: 'REQUEST',
            methodArn,
            resource: event.resource,
            path: event.path,
            httpMethod: event.httpMethod,
            headers: event.headers,
            multiValueHeaders: event.multiValueHeaders,
            queryStringParameters: event.queryStringParameters,
            multiValueQueryStringParameters: event.multiValueQueryStringParameters,
            pathParameters: event.pathParameters,
            stageVariables: event.stageVariables,
            requestContext: event.requestContext,
          };
    const outcome = await this.runtime.invoke(fn, authorizerEvent);
    if (!outcome.ok) {
      if (outcome.error.errorMessage === 'Unauthorized') return unauthorized();
      this.log.error(`Authorizer "${authorizer.name}" failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      return configurationError();
    }
    const payload = outcome.payload;
    if (payload === 'Unauthorized') return unauthorized();
    if (!isRecord(payload) || payload.principalId === undefined || payload.principalId === null || !isRecord(payload.policyDocument)) {
      this.log.error(`Authorizer "${authorizer.name}" returned no principalId or policyDocument`);
      return configurationError();
    }
    const context = isRecord(payload.context) ? payload.context : {};
    if (Object.values(context).some((value) => typeof value === 'object' && value !== null)) {
      this.log.error(`Authorizer "${authorizer.name}": context values must be strings, numbers or booleans`);
      return configurationError();
    }
    const result: AuthorizerResult = { principalId: String(payload.principalId), policyDocument: payload.policyDocument, context };
    if (typeof payload.usageIdentifierKey === 'string') result.usageIdentifierKey = payload.usageIdentifierKey;
    return result;
  }
}
