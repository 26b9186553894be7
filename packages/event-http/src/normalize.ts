import { describeEvent, httpErrors, type EventLocation } from './errors';
import {
  HTTP_METHODS,
  type HttpAuthorizer,
  type HttpCors,
  type HttpEvent,
  type HttpIntegration,
  type HttpMethod,
  type HttpRequest,
  type HttpRequestParameter,
  type HttpRequestParameters,
  type HttpRequestSchema,
  type HttpResponse,
  type HttpStatusCode,
} from './http-event';

export interface NormalizeHttpEventOptions {
  /** Which event this is, for messages. */
  where?: EventLocation;
  /** The service's function keys: an authorizer naming a function is checked against them. */
  functions?: readonly string[];
  /** Settings that are ignored (as v3 does, with a warning) are reported here. */
  onWarning?: (message: string) => void;
}

/** Request headers allowed by `cors: true`. */
export const DEFAULT_CORS_HEADERS: readonly string[] = [
  'Content-Type',
  'X-Amz-Date',
  'Authorization',
  'X-Api-Key',
  'X-Amz-Security-Token',
  'X-Amz-User-Agent',
  'X-Amzn-Trace-Id',
];

/**
 * The responses of a `lambda` integration when none are configured: the function signals an
 * error status by putting `[<code>]` in its error message; a crash is a 500 and a timeout a 504.
 */
export function defaultStatusCodes(): Record<string, HttpStatusCode> {
  const bracketed = (code: number) => `[\\s\\S]*\\[${code}\\][\\s\\S]*`;
  return {
    200: { pattern: '' },
    400: { pattern: bracketed(400) },
    401: { pattern: bracketed(401) },
    403: { pattern: bracketed(403) },
    404: { pattern: bracketed(404) },
    422: { pattern: bracketed(422) },
    500: { pattern: '[\\s\\S]*(Process\\s?exited\\s?before\\s?completing\\s?request|\\[500\\])[\\s\\S]*' },
    502: { pattern: bracketed(502) },
    504: { pattern: '([\\s\\S]*\\[504\\][\\s\\S]*)|(.*Task timed out after \\d+\\.\\d+ seconds$)' },
  };
}

const INTEGRATIONS: Readonly<Record<string, HttpIntegration>> = {
  LAMBDA_PROXY: 'lambda-proxy',
  AWS_PROXY: 'lambda-proxy',
  LAMBDA: 'lambda',
  AWS: 'lambda',
  HTTP: 'http',
  HTTP_PROXY: 'http-proxy',
  MOCK: 'mock',
};

/** Request keys a proxy integration uses; the others are dropped with a warning (as v3). */
const PROXY_REQUEST_KEYS: Readonly<Record<string, readonly string[]>> = {
  'lambda-proxy': ['parameters', 'schemas'],
  'http-proxy': ['parameters', 'schemas', 'uri'],
};

const COGNITO_ARN = /^arn:[a-zA-Z-]*:cognito-idp/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strip one leading and one trailing slash: `/users/{id}/` → `users/{id}`, `/` → ``. */
export function normalizeHttpPath(path: string): string {
  return path.replace(/^\//, '').replace(/\/$/, '');
}

/** The authorizer name v3 takes from an ARN: the last `:` segment, then its last `-` segment (`…:function:svc-dev-auth` → `auth`). */
export function authorizerNameFromArn(arn: string): string {
  const last = arn.split(':').pop() ?? arn;
  return last.split('-').pop() ?? last;
}

/**
 * Turn one `http` event, as written under `functions.<key>.events[].http`, into the one
 * normalised shape. Throws a StratusError (`HTTP_…`) naming the event for what cannot be
 * compiled; settings that only do nothing are reported through `onWarning`.
 */
export function normalizeHttpEvent(definition: unknown, options: NormalizeHttpEventOptions = {}): HttpEvent {
  const { where } = options;
  const raw = readDefinition(definition, where);

  if (typeof raw.path !== 'string') throw httpErrors.invalidEvent(where, '"path" is missing: every http event needs a path (use "/" for the root).');
  const path = normalizeHttpPath(raw.path);
  const method = normalizeMethod(raw.method, where);
  const isAsync = raw.async === true;
  const integration = normalizeIntegration(raw.integration, isAsync, where);

  const event: HttpEvent = { path, method, integration, async: isAsync, private: raw.private === true };
  if (typeof raw.operationId === 'string') event.operationId = raw.operationId;
  if (raw.cors) event.cors = normalizeCors(raw.cors, method);
  if (raw.authorizer) event.authorizer = normalizeAuthorizer(raw.authorizer, integration, options);

  const request = normalizeRequest(raw.request, integration, options);
  if (request) event.request = request;
  const response = normalizeResponse(raw.response, integration, options);
  if (response) event.response = response;

  if (integration === 'http' || integration === 'http-proxy') {
    if (event.request?.uri === undefined) throw httpErrors.missingRequestUri(where, integration);
    if (typeof raw.connectionType === 'string' && raw.connectionType.toUpperCase().replace('-', '_') === 'VPC_LINK') {
      if (raw.connectionId === undefined || raw.connectionId === null || raw.connectionId === '') throw httpErrors.missingConnectionId(where);
      event.connection = { type: 'VPC_LINK', id: raw.connectionId };
    }
  }
  return event;
}

/** The short form `GET /users/{id}` as `{ method, path }`; the object form as is. */
function readDefinition(definition: unknown, where: EventLocation | undefined): Json {
  if (typeof definition === 'string') {
    const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(definition);
    if (!match) throw httpErrors.invalidEvent(where, `"${definition}" is not "<METHOD> <path>" (for example "GET /users/{id}").`);
    return { method: match[1], path: match[2] };
  }
  if (isObject(definition)) return definition;
  throw httpErrors.invalidEvent(where, `expected "<METHOD> <path>" or an object with "path" and "method", got ${definition === null ? 'null' : Array.isArray(definition) ? 'a list' : typeof definition}.`);
}

function normalizeMethod(method: unknown, where: EventLocation | undefined): HttpMethod {
  if (typeof method !== 'string') throw httpErrors.invalidEvent(where, '"method" is missing: every http event needs a method (GET, POST, … or ANY).');
  const upper = method.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(upper)) throw httpErrors.invalidMethod(where, method, HTTP_METHODS);
  return upper as HttpMethod;
}

function normalizeIntegration(integration: unknown, isAsync: boolean, where: EventLocation | undefined): HttpIntegration {
  if (integration === undefined || integration === null || integration === '') return isAsync ? 'lambda' : 'lambda-proxy';
  const key = String(integration).toUpperCase().replace('-', '_');
  const normalized = INTEGRATIONS[key];
  if (!normalized) {
    throw httpErrors.invalidEvent(where, `"integration: ${String(integration)}" is not supported; use lambda-proxy (default), lambda, http, http-proxy or mock.`);
  }
  return normalized;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return undefined;
}

/** `cors: true` or the object form, with every default filled in. */
export function normalizeCors(cors: unknown, method: HttpMethod): HttpCors {
  if (!isObject(cors)) {
    return { origin: '*', origins: ['*'], headers: [...DEFAULT_CORS_HEADERS], methods: ['OPTIONS', method], allowCredentials: false };
  }
  const listed = Array.isArray(cors.origins) ? cors.origins.filter((item): item is string => typeof item === 'string') : undefined;
  const result: HttpCors = {
    origins: [],
    headers: stringList(cors.headers) ?? [...DEFAULT_CORS_HEADERS],
    methods: (stringList(cors.methods) ?? []).map((item) => item.toUpperCase()),
    allowCredentials: Boolean(cors.allowCredentials),
  };
  if (listed) {
    result.origins = listed;
  } else {
    const origin = typeof cors.origin === 'string' ? cors.origin : '*';
    result.origin = origin;
    result.origins = origin.split(',').map((item) => item.trim()).filter((item) => item !== '');
  }
  if (!result.methods.includes('OPTIONS')) result.methods.push('OPTIONS');
  if (!result.methods.includes(method)) result.methods.push(method);
  if (typeof cors.maxAge === 'number' && cors.maxAge) result.maxAge = cors.maxAge;
  if (typeof cors.cacheControl === 'string' && cors.cacheControl) result.cacheControl = cors.cacheControl;
  return result;
}

function normalizeAuthorizer(authorizer: unknown, integration: HttpIntegration, options: NormalizeHttpEventOptions): HttpAuthorizer {
  const { where } = options;
  let name: string;
  let functionName: string | undefined;
  let arn: unknown;
  let type: string | undefined;
  let resultTtlInSeconds: number | undefined;
  let claims: string[] = [];
  let scopes: string[] | undefined;
  let identitySource: string | undefined;
  let identityValidationExpression: string | undefined;
  let managedExternally = false;

  if (typeof authorizer === 'string') {
    if (authorizer.toUpperCase() === 'AWS_IAM') return { kind: 'aws-iam' };
    if (authorizer.includes(':')) {
      arn = authorizer;
      name = authorizerNameFromArn(authorizer);
    } else {
      functionName = name = authorizer;
    }
  } else if (isObject(authorizer)) {
    type = typeof authorizer.type === 'string' ? authorizer.type.toUpperCase() : undefined;
    if (type !== undefined && authorizer.authorizerId !== undefined && authorizer.authorizerId !== null) {
      const existing: HttpAuthorizer = { kind: 'existing', type, authorizerId: authorizer.authorizerId, claims: stringList(authorizer.claims) ?? [] };
      const existingScopes = stringList(authorizer.scopes);
      if (existingScopes) existing.scopes = existingScopes;
      return existing;
    }
    if (type === 'AWS_IAM') return { kind: 'aws-iam' };
    if (authorizer.arn !== undefined && authorizer.arn !== null && authorizer.arn !== '') {
      arn = authorizer.arn;
      if (typeof authorizer.name === 'string') name = authorizer.name;
      else if (typeof arn === 'string') name = authorizerNameFromArn(arn);
      else throw httpErrors.authorizerNameRequired(where);
    } else if (typeof authorizer.name === 'string' && authorizer.name) {
      functionName = name = authorizer.name;
    } else {
      throw httpErrors.authorizerNameOrArnMissing(where);
    }
    const ttl = Number.parseInt(String(authorizer.resultTtlInSeconds), 10);
    resultTtlInSeconds = Number.isNaN(ttl) ? 300 : ttl;
    claims = stringList(authorizer.claims) ?? [];
    scopes = stringList(authorizer.scopes);
    if (typeof authorizer.identitySource === 'string' && authorizer.identitySource) identitySource = authorizer.identitySource;
    if (typeof authorizer.identityValidationExpression === 'string') identityValidationExpression = authorizer.identityValidationExpression;
    managedExternally = authorizer.managedExternally === true;
  } else {
    throw httpErrors.invalidEvent(where, `"authorizer" must be a function name, an ARN, "aws_iam" or an object, got ${typeof authorizer}.`);
  }

  if (functionName !== undefined && options.functions && !options.functions.includes(functionName)) {
    throw httpErrors.authorizerFunctionNotFound(where, functionName, options.functions);
  }
  if (identitySource === undefined && !(type === 'REQUEST' && resultTtlInSeconds === 0)) {
    identitySource = 'method.request.header.Authorization';
  }
  const cognitoArn = typeof arn === 'string' && COGNITO_ARN.test(arn);
  if (integration === 'lambda-proxy' && cognitoArn && claims.length > 0) throw httpErrors.cognitoClaimsWithProxy(where);

  const common = { name, claims, managedExternally };
  const result: HttpAuthorizer =
    type === 'COGNITO_USER_POOLS' || cognitoArn
      ? { kind: 'cognito', type: 'COGNITO_USER_POOLS', ...common }
      : { kind: 'lambda', type: type === 'REQUEST' ? 'REQUEST' : 'TOKEN', ...common };
  if (functionName !== undefined) result.functionName = functionName;
  if (arn !== undefined) result.arn = arn;
  if (identitySource !== undefined) result.identitySource = identitySource;
  if (identityValidationExpression !== undefined) result.identityValidationExpression = identityValidationExpression;
  if (resultTtlInSeconds !== undefined) result.resultTtlInSeconds = resultTtlInSeconds;
  if (scopes !== undefined) result.scopes = scopes;
  return result;
}

function normalizeParameter(value: unknown): HttpRequestParameter {
  if (isObject(value)) {
    const parameter: HttpRequestParameter = { required: typeof value.required === 'boolean' ? value.required : true };
    if (value.mappedValue !== undefined && value.mappedValue !== null && value.mappedValue !== '') parameter.mappedValue = value.mappedValue;
    return parameter;
  }
  return { required: typeof value === 'string' ? value === 'true' : Boolean(value) };
}

function normalizeParameters(parameters: Json): HttpRequestParameters {
  const read = (location: unknown): Record<string, HttpRequestParameter> =>
    isObject(location) ? Object.fromEntries(Object.entries(location).map(([name, value]) => [name, normalizeParameter(value)])) : {};
  return { querystrings: read(parameters.querystrings), paths: read(parameters.paths), headers: read(parameters.headers) };
}

function normalizeSchemas(schemas: Json): Record<string, HttpRequestSchema> {
  const result: Record<string, HttpRequestSchema> = {};
  for (const [contentType, config] of Object.entries(schemas)) {
    if (isObject(config) && config.schema !== undefined && config.schema !== null) {
      const schema: HttpRequestSchema = { schema: config.schema };
      if (typeof config.name === 'string') schema.name = config.name;
      if (typeof config.description === 'string') schema.description = config.description;
      result[contentType] = schema;
    } else {
      result[contentType] = { schema: config };
    }
  }
  return result;
}

const PASS_THROUGH = ['NEVER', 'WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES'] as const;
const CONTENT_HANDLING = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function normalizeRequest(request: unknown, integration: HttpIntegration, options: NormalizeHttpEventOptions): HttpRequest | undefined {
  if (!isObject(request)) return undefined;
  let source = request;
  const allowed = PROXY_REQUEST_KEYS[integration];
  if (allowed) {
    const dropped = Object.keys(request).filter((key) => !allowed.includes(key));
    if (dropped.length > 0) {
      options.onWarning?.(
        `${describeEvent(options.where)}: with the ${integration} integration only ${allowed.map((key) => `request.${key}`).join(', ')} apply; ${dropped.map((key) => `request.${key}`).join(', ')} ${dropped.length === 1 ? 'is' : 'are'} ignored.`,
      );
      source = Object.fromEntries(Object.entries(request).filter(([key]) => allowed.includes(key)));
    }
  }
  const result: HttpRequest = {};
  if (isObject(source.parameters)) result.parameters = normalizeParameters(source.parameters);
  if (isObject(source.schemas)) result.schemas = normalizeSchemas(source.schemas);
  if (isObject(source.template)) {
    result.template = Object.fromEntries(
      Object.entries(source.template).filter(([, value]) => typeof value === 'string' || value === null) as Array<[string, string | null]>,
    );
  }
  const passThrough = oneOf(source.passThrough, PASS_THROUGH);
  if (passThrough) result.passThrough = passThrough;
  const contentHandling = oneOf(source.contentHandling, CONTENT_HANDLING);
  if (contentHandling) result.contentHandling = contentHandling;
  if (source.uri !== undefined && source.uri !== null && source.uri !== '') result.uri = source.uri;
  if (typeof source.method === 'string') result.method = source.method;
  return Object.keys(result).length > 0 ? result : undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => typeof item === 'string')) as Record<string, string>;
}

function normalizeStatusCode(config: unknown): HttpStatusCode {
  const source = isObject(config) ? config : {};
  const statusCode: HttpStatusCode = { pattern: typeof source.pattern === 'string' ? source.pattern : '' };
  const headers = stringRecord(source.headers);
  if (headers) statusCode.headers = headers;
  if (typeof source.template === 'string') statusCode.template = source.template;
  else if (isObject(source.template)) statusCode.template = stringRecord(source.template) ?? {};
  return statusCode;
}

function normalizeResponse(response: unknown, integration: HttpIntegration, options: NormalizeHttpEventOptions): HttpResponse | undefined {
  if (integration === 'lambda-proxy' || integration === 'http-proxy') {
    if (response !== undefined && response !== null) {
      options.onWarning?.(`${describeEvent(options.where)}: "response" does not apply to the ${integration} integration and is ignored.`);
    }
    return undefined;
  }
  if (!isObject(response)) return integration === 'lambda' ? { statusCodes: defaultStatusCodes() } : undefined;

  let statusCodes: Record<string, HttpStatusCode>;
  if (isObject(response.statusCodes)) {
    statusCodes = Object.fromEntries(Object.entries(response.statusCodes).map(([code, config]) => [code, normalizeStatusCode(config)]));
    // Some response must be the default one (the empty pattern); v3 adds a 200 when none is.
    if (integration !== 'mock' && !Object.values(statusCodes).some((code) => code.pattern === '')) statusCodes['200'] = { pattern: '' };
  } else {
    statusCodes = integration === 'mock' ? {} : defaultStatusCodes();
  }
  const result: HttpResponse = { statusCodes };
  const headers = stringRecord(response.headers);
  if (headers) result.headers = headers;
  if (typeof response.template === 'string') result.template = response.template;
  const contentHandling = oneOf(response.contentHandling, CONTENT_HANDLING);
  if (contentHandling) result.contentHandling = contentHandling;
  return result;
}
