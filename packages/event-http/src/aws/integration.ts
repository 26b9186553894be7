import type { HttpEvent, HttpIntegration } from '../http-event';
import { compact, lambdaInvocationUri, type TargetAlias } from './intrinsics';
import { CLAIMS_PLACEHOLDER, cognitoClaimsEntries, defaultLambdaRequestTemplates } from './lambda-request-templates';

/** API Gateway's name for each integration. */
export const AWS_INTEGRATION_TYPES: Readonly<Record<HttpIntegration, string>> = {
  'lambda-proxy': 'AWS_PROXY',
  lambda: 'AWS',
  http: 'HTTP',
  'http-proxy': 'HTTP_PROXY',
  mock: 'MOCK',
};

const PARAMETER_LOCATIONS = [
  ['querystrings', 'querystring'],
  ['paths', 'path'],
  ['headers', 'header'],
] as const;

/** `method.request.querystring.q` → `{ required, mappedValue }`, querystrings first, then paths, then headers. */
export function methodRequestParameters(http: HttpEvent): Array<[string, { required: boolean; mappedValue?: unknown }]> {
  const parameters = http.request?.parameters;
  if (!parameters) return [];
  return PARAMETER_LOCATIONS.flatMap(([location, singular]) =>
    Object.entries(parameters[location]).map(([name, value]) => [`method.request.${singular}.${name}`, value] as [string, { required: boolean; mappedValue?: unknown }]),
  );
}

/** The origin header value a non-proxy integration's responses carry (`'*'`, or the listed origins). */
function corsOrigin(http: HttpEvent): string | undefined {
  const cors = http.cors;
  if (!cors) return undefined;
  return cors.origin === undefined ? cors.origins.join(',') : cors.origin;
}

/** Response headers common to every status code: CORS, then `response.headers`. */
function responseHeaders(http: HttpEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  const origin = corsOrigin(http);
  if (origin !== undefined) {
    headers['Access-Control-Allow-Origin'] = `'${origin}'`;
    if (http.cors?.allowCredentials) headers['Access-Control-Allow-Credentials'] = "'true'";
  }
  return { ...headers, ...http.response?.headers };
}

const prefixKeys = <T>(record: Record<string, T>, map: (value: T) => unknown) =>
  Object.fromEntries(Object.entries(record).map(([header, value]) => [`method.response.header.${header}`, map(value)]));

function integrationResponses(http: HttpEvent): unknown[] {
  const response = http.response;
  if (!response) return [];
  const common = responseHeaders(http);
  return Object.entries(response.statusCodes).map(([statusCode, config]) => {
    const templates: Record<string, string> = {};
    if (response.template !== undefined) templates['application/json'] = response.template;
    if (typeof config.template === 'string') templates['application/json'] = config.template;
    else if (config.template) Object.assign(templates, config.template);
    return compact({
      StatusCode: statusCode,
      SelectionPattern: config.pattern,
      ResponseParameters: { ...prefixKeys(common, (value) => value), ...prefixKeys(config.headers ?? {}, (value) => value) },
      ResponseTemplates: templates,
      ContentHandling: statusCode.startsWith('2') ? response.contentHandling : undefined,
    });
  });
}

/** `MethodResponses`: one per status code of a non-proxy integration, declaring the headers it sets. */
export function methodResponses(http: HttpEvent): unknown[] {
  const response = http.response;
  if (!response || http.integration === 'lambda-proxy' || http.integration === 'http-proxy') return [];
  const common = responseHeaders(http);
  return Object.entries(response.statusCodes).map(([statusCode, config]) => ({
    ResponseParameters: { ...prefixKeys(common, () => true), ...prefixKeys(config.headers ?? {}, () => true) },
    ResponseModels: {},
    StatusCode: statusCode,
  }));
}

function requestTemplates(http: HttpEvent, claims: readonly string[]): Record<string, string> | undefined {
  const templates: Record<string, string> = http.integration === 'lambda' ? defaultLambdaRequestTemplates(claims) : {};
  for (const [contentType, template] of Object.entries(http.request?.template ?? {})) {
    if (template === null) delete templates[contentType];
    else templates[contentType] = template.replace(CLAIMS_PLACEHOLDER, cognitoClaimsEntries(claims));
  }
  return Object.keys(templates).length > 0 ? templates : undefined;
}

function integrationRequestParameters(http: HttpEvent): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const [key, value] of methodRequestParameters(http)) {
    parameters[`integration.${key.slice('method.'.length)}`] = value.mappedValue ?? key;
  }
  if (http.async) parameters['integration.request.header.X-Amz-Invocation-Type'] = "'Event'";
  return parameters;
}

/** The method's `Integration`: how API Gateway calls the function (or URL, or nothing). */
export function methodIntegration(http: HttpEvent, target: { lambdaLogicalId: string; alias: TargetAlias | undefined }): Record<string, unknown> {
  const type = AWS_INTEGRATION_TYPES[http.integration];
  const integration: Record<string, unknown> = { IntegrationHttpMethod: 'POST', Type: type };

  if (http.integration === 'lambda' || http.integration === 'lambda-proxy') {
    const aliasParts = target.alias ? [':', target.alias.name] : [];
    integration.Uri = lambdaInvocationUri({ 'Fn::GetAtt': [target.lambdaLogicalId, 'Arn'] }, ...aliasParts);
  } else if (http.integration === 'http' || http.integration === 'http-proxy') {
    integration.Uri = http.request?.uri;
    integration.IntegrationHttpMethod = (http.request?.method ?? http.method).toUpperCase();
    if (http.connection) {
      integration.ConnectionType = http.connection.type;
      integration.ConnectionId = http.connection.id;
    }
  }

  if (http.integration === 'lambda' || http.integration === 'http' || http.integration === 'mock') {
    const claims = http.authorizer && 'claims' in http.authorizer ? http.authorizer.claims : [];
    Object.assign(
      integration,
      compact({
        PassthroughBehavior: http.request?.passThrough ?? (http.integration === 'lambda' ? 'NEVER' : undefined),
        ContentHandling: http.request?.contentHandling,
        RequestTemplates: requestTemplates(http, claims),
        IntegrationResponses: integrationResponses(http),
      }),
    );
  }

  const takesParameters = http.integration === 'lambda' || http.integration === 'http' || http.integration === 'http-proxy';
  if ((takesParameters && methodRequestParameters(http).length > 0) || http.async) {
    integration.RequestParameters = integrationRequestParameters(http);
  }
  return integration;
}
