import type { HttpEvent } from '../http-event';
import type { CompileState, CompiledHttpEvent } from './compile-state';
import { methodIntegration, methodRequestParameters, methodResponses } from './integration';
import { targetAliasOf } from './intrinsics';

interface Authorization {
  properties: Record<string, unknown>;
  /** Replaces the method's dependency on the function permission (v3 merges its arrays by index). */
  dependsOn?: string;
}

/** `AuthorizationType` (and authorizer) of a method. */
export function methodAuthorization(http: HttpEvent, authorizerLogicalId: (name: string) => string): Authorization {
  const authorizer = http.authorizer;
  if (!authorizer) return { properties: { AuthorizationType: 'NONE' } };
  switch (authorizer.kind) {
    case 'aws-iam':
      return { properties: { AuthorizationType: 'AWS_IAM' } };
    case 'existing': {
      const properties: Record<string, unknown> = {
        AuthorizationType: authorizer.type === 'TOKEN' || authorizer.type === 'REQUEST' ? 'CUSTOM' : authorizer.type,
        AuthorizerId: authorizer.authorizerId,
      };
      if (authorizer.type === 'COGNITO_USER_POOLS' && authorizer.scopes?.length) properties.AuthorizationScopes = authorizer.scopes;
      return { properties };
    }
    case 'cognito':
    case 'lambda': {
      const logicalId = authorizerLogicalId(authorizer.name);
      const properties: Record<string, unknown> = {
        AuthorizationType: authorizer.kind === 'cognito' ? 'COGNITO_USER_POOLS' : 'CUSTOM',
        AuthorizerId: { Ref: logicalId },
      };
      if (authorizer.kind === 'cognito' && authorizer.scopes?.length) properties.AuthorizationScopes = authorizer.scopes;
      return { properties, dependsOn: logicalId };
    }
  }
}

function compileMethod(state: CompileState, event: CompiledHttpEvent): void {
  const { context } = state;
  const { http } = event;
  const authorization = methodAuthorization(http, context.naming.getAuthorizerLogicalId);
  const requestParameters = Object.fromEntries(methodRequestParameters(http).map(([key, value]) => [key, value.required]));

  const properties: Record<string, unknown> = {
    HttpMethod: http.method,
    RequestParameters: requestParameters,
    ResourceId: state.resourceIds.get(http.path),
    RestApiId: state.restApiId,
  };
  if (http.operationId !== undefined) properties.OperationName = http.operationId;
  properties.ApiKeyRequired = http.private;
  Object.assign(properties, authorization.properties);
  properties.Integration = methodIntegration(http, {
    lambdaLogicalId: context.naming.getLambdaLogicalId(event.functionKey),
    alias: targetAliasOf(event.function),
  });
  properties.MethodResponses = methodResponses(http);

  state.methodLogicalIds.push(event.methodLogicalId);
  state.resources.add(event.methodLogicalId, {
    Type: 'AWS::ApiGateway::Method',
    Properties: properties,
    DependsOn: [authorization.dependsOn ?? context.naming.getLambdaApiGatewayPermissionLogicalId(event.functionKey)],
  });
}

/** One `AWS::ApiGateway::Method` per event. */
export function compileMethods(state: CompileState): void {
  for (const event of state.events) compileMethod(state, event);
}
