/**
 * The normalised `http` event: one shape for every way `serverless.yml` can write it
 * (`http: GET users/{id}`, `http: { path, method, … }`), with defaults applied. Provider-neutral:
 * the AWS compiler and the offline plugin read the same definitions.
 */

/** Methods an `http` event may use (`ANY` = every method). */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'DELETE', 'ANY'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * How the request reaches the backend: `lambda-proxy` (default) hands the whole request to the
 * function, `lambda` maps it with request/response templates, `http`/`http-proxy` forward to a
 * URL, `mock` answers without a backend.
 */
export type HttpIntegration = 'lambda-proxy' | 'lambda' | 'http' | 'http-proxy' | 'mock';

export interface HttpCors {
  /** The `origin` as written (default `*`); absent when an `origins` list was given. May hold several, comma-separated. */
  origin?: string;
  /** Every allowed origin (`origins`, or `origin` split on commas). */
  origins: string[];
  /** Allowed request headers (default: the seven v3 defaults). */
  headers: string[];
  /** Allowed methods, upper-case; always includes `OPTIONS` and the event's own method. */
  methods: string[];
  allowCredentials: boolean;
  maxAge?: number;
  cacheControl?: string;
}

/** A request parameter (`request.parameters.querystrings.q: true`): whether it is required, and what it maps to. */
export interface HttpRequestParameter {
  required: boolean;
  /** For non-proxy integrations: the integration-side value (default: the method-side parameter). */
  mappedValue?: unknown;
}

export interface HttpRequestParameters {
  querystrings: Record<string, HttpRequestParameter>;
  paths: Record<string, HttpRequestParameter>;
  headers: Record<string, HttpRequestParameter>;
}

/** A request body model for one content type. */
export interface HttpRequestSchema {
  /**
   * The JSON schema, or a string: the id of a model under `provider.apiGateway.request.schemas`
   * when one has that id, otherwise the schema itself as text.
   */
  schema: unknown;
  name?: string;
  description?: string;
}

export interface HttpRequest {
  parameters?: HttpRequestParameters;
  /** Content type → body model. */
  schemas?: Record<string, HttpRequestSchema>;
  /** Content type → request template (`null` removes a default template). Non-proxy integrations only. */
  template?: Record<string, string | null>;
  passThrough?: 'NEVER' | 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES';
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  /** Backend URL (`http`/`http-proxy`). */
  uri?: unknown;
  /** Backend method (`http`/`http-proxy`; default: the event's method). */
  method?: string;
}

/** One response a non-proxy integration can give, selected by `pattern` (a regular expression on the error message). */
export interface HttpStatusCode {
  pattern: string;
  headers?: Record<string, string>;
  /** A template (for `application/json`), or content type → template. */
  template?: string | Record<string, string>;
}

export interface HttpResponse {
  /** Status code → how it is selected and shaped. `lambda` integrations get v3's defaults (200, 400, 401, 403, 404, 422, 500, 502, 504). */
  statusCodes: Record<string, HttpStatusCode>;
  headers?: Record<string, string>;
  template?: string;
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
}

/**
 * Who may call the endpoint:
 * - `aws-iam`: signed requests (`authorizer: aws_iam`);
 * - `existing`: an authorizer managed elsewhere, by id;
 * - `lambda`: a function (in this service by `functionName`, or anywhere by `arn`) that checks a token (`TOKEN`) or the whole request (`REQUEST`);
 * - `cognito`: a Cognito user pool.
 */
export type HttpAuthorizer = HttpIamAuthorizer | HttpExistingAuthorizer | HttpLambdaAuthorizer | HttpCognitoAuthorizer;

export interface HttpIamAuthorizer {
  kind: 'aws-iam';
}

export interface HttpExistingAuthorizer {
  kind: 'existing';
  /** `TOKEN`, `REQUEST`, `COGNITO_USER_POOLS`… as written, upper-cased. */
  type: string;
  authorizerId: unknown;
  scopes?: string[];
  /** Claims copied into `lambda` integration requests. */
  claims: string[];
}

interface HttpOwnAuthorizer {
  /** The authorizer's name (its logical id derives from it). */
  name: string;
  /** A function of this service (`authorizer: myAuth` or `{ name: myAuth }`). */
  functionName?: string;
  /** The ARN (string or intrinsic function) of a function or user pool outside this service. */
  arn?: unknown;
  /** Where the caller's identity is read (default `method.request.header.Authorization`, none for REQUEST authorizers with caching off). */
  identitySource?: string;
  identityValidationExpression?: string;
  /** Cache time; only for the object form (default 300), absent for the short form. */
  resultTtlInSeconds?: number;
  /** Claims copied into `lambda` integration requests. */
  claims: string[];
  scopes?: string[];
  /** True when the authorizer function's invoke permission is managed outside this service. */
  managedExternally: boolean;
}

export interface HttpLambdaAuthorizer extends HttpOwnAuthorizer {
  kind: 'lambda';
  type: 'TOKEN' | 'REQUEST';
}

export interface HttpCognitoAuthorizer extends HttpOwnAuthorizer {
  kind: 'cognito';
  type: 'COGNITO_USER_POOLS';
}

export interface HttpEvent {
  /** Without leading or trailing slash; `''` is the root. */
  path: string;
  method: HttpMethod;
  integration: HttpIntegration;
  /** Invoke the function asynchronously (implies the `lambda` integration unless another is set). */
  async: boolean;
  /** Requires an API key. */
  private: boolean;
  operationId?: string;
  cors?: HttpCors;
  authorizer?: HttpAuthorizer;
  request?: HttpRequest;
  /** Non-proxy integrations only. */
  response?: HttpResponse;
  /** `http`/`http-proxy` through a VPC link. */
  connection?: { type: 'VPC_LINK'; id: unknown };
}
