import type { CfnResource } from '@stratus/provider-aws';
import type { HttpCognitoAuthorizer, HttpLambdaAuthorizer } from '../http-event';
import type { CompileState } from './compile-state';
import { compact, lambdaInvocationUri, targetAliasOf } from './intrinsics';

export type OwnAuthorizer = HttpLambdaAuthorizer | HttpCognitoAuthorizer;

/** The ARN of an authorizer's function: the one given, or that of the service function (or its alias). */
export function authorizerArn(state: CompileState, authorizer: OwnAuthorizer): unknown {
  if (authorizer.functionName !== undefined) return state.context.functionTargetArn(authorizer.functionName);
  return authorizer.arn;
}

function authorizerResource(state: CompileState, authorizer: OwnAuthorizer): CfnResource {
  const properties: Record<string, unknown> = compact({
    AuthorizerResultTtlInSeconds: authorizer.resultTtlInSeconds,
    IdentitySource: authorizer.identitySource,
    Name: authorizer.name,
    RestApiId: state.restApiId,
    IdentityValidationExpression: authorizer.identityValidationExpression,
  });
  if (authorizer.kind === 'cognito') {
    properties.Type = 'COGNITO_USER_POOLS';
    properties.ProviderARNs = [authorizer.arn];
  } else {
    properties.AuthorizerUri = lambdaInvocationUri(authorizerArn(state, authorizer));
    properties.Type = authorizer.type;
  }
  const resource: CfnResource = { Type: 'AWS::ApiGateway::Authorizer', Properties: properties };
  const alias = authorizer.functionName === undefined ? undefined : targetAliasOf(state.context.service.functions?.[authorizer.functionName]);
  if (alias) resource.DependsOn = alias.logicalId;
  return resource;
}

/**
 * One `AWS::ApiGateway::Authorizer` per authorizer name: Lambda (TOKEN or REQUEST) or Cognito user
 * pool. Events that share a name share the authorizer; where their settings differ, the later
 * event's win (v3 merges them in event order).
 */
export function compileAuthorizers(state: CompileState): void {
  for (const { http } of state.events) {
    const authorizer = http.authorizer;
    if (!authorizer || (authorizer.kind !== 'lambda' && authorizer.kind !== 'cognito')) continue;
    const logicalId = state.context.naming.getAuthorizerLogicalId(authorizer.name);
    const resource = authorizerResource(state, authorizer);
    const existing = state.resources.get(logicalId);
    if (!existing) {
      state.resources.add(logicalId, resource);
    } else {
      Object.assign(existing.Properties ?? {}, resource.Properties);
      if (resource.DependsOn !== undefined) existing.DependsOn = resource.DependsOn;
    }
  }
}
