// What the server serves, derived from the configuration once (at start and on a reload):
// functions, routes, API keys, authorizers, request validation and lambda integrations.
import type { Logger } from '@stratus/core';
import type { LocalFunction } from '@stratus/lambda-runtime';
import { resolveApiKeys, type ApiKeys } from './api-keys';
import { localAuthorizerOf, type LocalAuthorizer } from './authorizers';
import { compileLambdaIntegration, type LambdaIntegration } from './lambda-integration';
import { asRecord, buildLocalFunctions } from './local-functions';
import { compileBodyValidator, requiredParametersOf, SchemaCompiler, type BodyValidator, type RequiredParameters } from './request-validation';
import { buildRoutes, RouteMatcher, type Route } from './routes';

/** Functions, routes and keys derived from the configuration (replaced as one on a change). */
export interface ServiceState {
  functions: Map<string, LocalFunction>;
  routes: Route[];
  matcher: RouteMatcher;
  apiKeys: ApiKeys;
  /** Per route: its Lambda authorizer when it can run locally. */
  authorizers: Map<Route, LocalAuthorizer>;
  /** Per route with `request.schemas`: its body validator. */
  bodyValidators: Map<Route, BodyValidator>;
  /** Per route with `required` query string or header parameters. */
  requiredParameters: Map<Route, RequiredParameters>;
  /** Per `integration: lambda` route: its request/response mappings. */
  lambdaIntegrations: Map<Route, LambdaIntegration>;
}

/** Request validation and lambda integrations, compiled once per route (never per request). */
function compileRouteMappings(
  routes: readonly Route[],
  functions: ReadonlyMap<string, LocalFunction>,
  configuration: Record<string, unknown>,
  log: Logger,
  warnAtStart: boolean,
): Pick<ServiceState, 'bodyValidators' | 'requiredParameters' | 'lambdaIntegrations'> {
  const warn = (message: string): void => (warnAtStart ? log.warning(message) : undefined);
  const providerSchemas = asRecord(asRecord(asRecord(asRecord(configuration.provider).apiGateway).request).schemas);
  const compiler = new SchemaCompiler();
  const bodyValidators = new Map<Route, BodyValidator>();
  const requiredParameters = new Map<Route, RequiredParameters>();
  const lambdaIntegrations = new Map<Route, LambdaIntegration>();
  for (const route of routes) {
    const where = `functions.${route.functionKey} (${route.method} ${route.resource})`;
    const validator = route.event.request?.schemas ? compileBodyValidator(route.event.request.schemas, providerSchemas, compiler, where, warn) : undefined;
    if (validator) bodyValidators.set(route, validator);
    const required = requiredParametersOf(route.event);
    if (required) requiredParameters.set(route, required);
    const fn = functions.get(route.functionKey);
    if (route.event.integration === 'lambda' && fn) lambdaIntegrations.set(route, compileLambdaIntegration(route, fn, { where, warn, warnOnRequest: (message) => log.warning(message) }));
  }
  return { bodyValidators, requiredParameters, lambdaIntegrations };
}

export function buildState(configuration: Record<string, unknown>, stage: string, base: string, serviceDir: string, log: Logger, warn: boolean): ServiceState {
  const functions = buildLocalFunctions(configuration, stage, serviceDir, log);
  const routes = buildRoutes(configuration, base, log);
  const authorizers = new Map<Route, LocalAuthorizer>();
  for (const route of routes) {
    const found = localAuthorizerOf(route);
    if (!found) continue;
    if ('authorizer' in found) {
      authorizers.set(route, found.authorizer);
      if (warn && found.authorizer.kind === 'cognito') {
        log.notice(`${route.method} ${route.resource} (λ: ${route.functionKey}): Cognito tokens are checked for expiry, issuer and scopes; their signatures are not verified locally.`);
      }
    } else if (warn) log.warning(`${route.method} ${route.resource} (λ: ${route.functionKey}): ${found.unsupported}; the route is left open.`);
  }
  const mappings = compileRouteMappings(routes, functions, configuration, log, warn);
  return { functions, routes, matcher: new RouteMatcher(routes, base), apiKeys: resolveApiKeys(configuration, routes.some((route) => route.event.private)), authorizers, ...mappings };
}
