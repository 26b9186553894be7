import type { EventCompileContext } from '@stratus/provider-aws';
import { httpErrors, type EventLocation } from '../errors';
import { normalizeHttpEvent } from '../normalize';
import { compileApiKeysAndUsagePlans } from './api-keys';
import { compileAuthorizers } from './authorizers';
import { PLUGIN_NAME } from '../plugin-name';
import { GeneratedResources, type ApiGatewaySettings, type CompileState, type CompiledHttpEvent } from './compile-state';
import { compileCorsMethods } from './cors-methods';
import { compileDeployment, serviceEndpointOutput } from './deployment';
import { compileMethods } from './methods';
import { compilePermissions } from './permissions';
import { compileRequestValidators } from './request-validators';
import { compileResources } from './resources';
import { compileRestApi } from './rest-api';
import { compileStage } from './stage';

/** API Gateway stage names: letters, digits, `-` and `_`. */
const STAGE_NAME = /^[-_a-zA-Z0-9]+$/;

function apiGatewaySettings(context: EventCompileContext): ApiGatewaySettings {
  const settings = context.service.provider.apiGateway;
  return typeof settings === 'object' && settings !== null ? (settings as ApiGatewaySettings) : {};
}

/** Provider-level settings that cannot work together (v3's checks, before anything is compiled). */
function checkProviderSettings(context: EventCompileContext, apiGateway: ApiGatewaySettings): void {
  const provider = context.service.provider;
  if (apiGateway.restApiId && !apiGateway.restApiRootResourceId) throw httpErrors.missingRootResourceId();
  if (apiGateway.restApiId && provider.tracing?.apiGateway !== undefined && provider.tracing.apiGateway !== null) throw httpErrors.externalApiTracing();
  const logs = provider.logs as { restApi?: unknown } | undefined;
  if (apiGateway.restApiId && logs?.restApi !== undefined && logs.restApi !== null) throw httpErrors.externalApiLogs();
  if (!STAGE_NAME.test(context.stage)) throw httpErrors.invalidStageName(context.stage);
}

/** Normalise every event, and refuse two events on the same path and method. */
function normalizeEvents(context: EventCompileContext): CompiledHttpEvent[] {
  const functionKeys = Object.keys(context.service.functions ?? {});
  const seen = new Map<string, EventLocation>();
  return context.events.map((event) => {
    const where: EventLocation = { functionKey: event.functionKey, index: event.index, configFile: context.configFile };
    const http = normalizeHttpEvent(event.definition, { where, functions: functionKeys, onWarning: (message) => context.log.warning(message) });
    const resourceName = http.path === '' ? '' : context.naming.normalizePath(http.path);
    const methodLogicalId = context.naming.getMethodLogicalId(resourceName, http.method);
    const first = seen.get(methodLogicalId);
    if (first) throw httpErrors.duplicateEndpoint(where, http.method, http.path, first);
    seen.set(methodLogicalId, where);
    return { functionKey: event.functionKey, function: event.function, where, http, resourceName, methodLogicalId };
  });
}

/**
 * Compile every http event of the service into the REST API, in v3's order: RestApi → resources
 * → CORS OPTIONS methods → methods → request validators → authorizers → deployment (+ the
 * ServiceEndpoint output) → API keys and usage plans → permissions → stage.
 */
export function compileHttpEvents(context: EventCompileContext): void {
  if (context.events.length === 0) return;
  const apiGateway = apiGatewaySettings(context);
  checkProviderSettings(context, apiGateway);

  const state: CompileState = {
    context,
    apiGateway,
    events: normalizeEvents(context),
    resources: new GeneratedResources(),
    restApiId: apiGateway.restApiId ? apiGateway.restApiId : { Ref: context.naming.getRestApiLogicalId() },
    resourceIds: new Map(),
    methodLogicalIds: [],
    deploymentLogicalId: context.naming.getDeploymentLogicalId(context.instanceId),
  };

  compileRestApi(state);
  compileResources(state);
  compileCorsMethods(state);
  compileMethods(state);
  compileRequestValidators(state);
  compileAuthorizers(state);
  compileDeployment(state);
  compileApiKeysAndUsagePlans(state);
  compilePermissions(state);
  compileStage(state);

  for (const [logicalId, resource] of state.resources.entries()) context.builder.addResource(PLUGIN_NAME, logicalId, resource);
  context.builder.addOutput(PLUGIN_NAME, 'ServiceEndpoint', serviceEndpointOutput(state));
}
