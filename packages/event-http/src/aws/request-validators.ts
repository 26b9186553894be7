import type { CompileState, CompiledHttpEvent } from './compile-state';
import { compact } from './intrinsics';
import { startCaseCompact, upperCamelCase } from './words';

/** `ApiGateway<AlnumService>RequestValidator`: one for the whole API, validating bodies and parameters. */
function ensureRequestValidator(state: CompileState): string {
  const { service, stage } = state.context;
  const logicalId = `ApiGateway${state.context.naming.normalizeNameToAlphaNumericOnly(service.service)}RequestValidator`;
  state.resources.addOnce(logicalId, () => ({
    Type: 'AWS::ApiGateway::RequestValidator',
    Properties: {
      RestApiId: state.restApiId,
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
      Name: `${service.service}-${stage} | Validate request body and querystring parameters`,
    },
  }));
  return logicalId;
}

/** A model defined once under `provider.apiGateway.request.schemas.<id>` (always `application/json`, as v3). */
function ensureProviderModel(state: CompileState, schemaId: string, config: unknown): string {
  const logicalId = `ApiGateway${upperCamelCase(schemaId)}Model`;
  const settings = (typeof config === 'object' && config !== null ? config : {}) as { schema?: unknown; name?: unknown; description?: unknown };
  state.resources.addOnce(logicalId, () => ({
    Type: 'AWS::ApiGateway::Model',
    Properties: compact({
      RestApiId: state.restApiId,
      Schema: settings.schema ?? config,
      ContentType: 'application/json',
      Name: typeof settings.name === 'string' && settings.name ? settings.name : undefined,
      Description: typeof settings.description === 'string' && settings.description ? settings.description : undefined,
    }),
  }));
  return logicalId;
}

function compileEventValidation(state: CompileState, event: CompiledHttpEvent): void {
  const request = event.http.request;
  if (!request) return;
  const method = state.resources.get(event.methodLogicalId);
  if (!method?.Properties) return;
  const properties = method.Properties;
  const providerSchemas = state.apiGateway.request?.schemas ?? {};

  const parameters = request.parameters;
  const anyRequired = parameters !== undefined && [parameters.querystrings, parameters.paths, parameters.headers].some((location) => Object.values(location).some((parameter) => parameter.required));
  if (anyRequired) properties.RequestValidatorId = { Ref: ensureRequestValidator(state) };

  for (const [contentType, config] of Object.entries(request.schemas ?? {})) {
    const validatorId = ensureRequestValidator(state);
    let modelLogicalId: string;
    const reference = typeof config.schema === 'string' && config.name === undefined && Object.hasOwn(providerSchemas, config.schema) ? config.schema : undefined;
    if (reference !== undefined) {
      modelLogicalId = ensureProviderModel(state, reference, providerSchemas[reference]);
    } else {
      modelLogicalId = `${event.methodLogicalId}${startCaseCompact(contentType)}Model`;
      state.resources.add(modelLogicalId, {
        Type: 'AWS::ApiGateway::Model',
        Properties: compact({ RestApiId: state.restApiId, ContentType: contentType, Schema: config.schema, Name: config.name, Description: config.description }),
      });
    }
    properties.RequestValidatorId = { Ref: validatorId };
    const models = (properties.RequestModels ??= {}) as Record<string, unknown>;
    models[contentType] = { Ref: modelLogicalId };
  }
}

/**
 * Request validation: a method with a required parameter or a body schema is validated by the
 * API's one request validator, against a model per content type.
 */
export function compileRequestValidators(state: CompileState): void {
  for (const event of state.events) compileEventValidation(state, event);
}
