import type { CompileState } from './compile-state';
import { authorizerArn } from './authorizers';
import { executeApiSourceArn, targetAliasOf } from './intrinsics';

/**
 * Lambda permissions for API Gateway: one per function with http events, and one per Lambda
 * authorizer (not for Cognito, nor when `managedExternally`).
 */
export function compilePermissions(state: CompileState): void {
  const { context } = state;
  const sourceArn = () => executeApiSourceArn(state.restApiId);
  for (const event of state.events) {
    const permissionId = context.naming.getLambdaApiGatewayPermissionLogicalId(event.functionKey);
    state.resources.addOnce(permissionId, () => {
      const alias = targetAliasOf(event.function);
      return {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: context.functionTargetArn(event.functionKey),
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: sourceArn(),
        },
        ...(alias ? { DependsOn: alias.logicalId } : {}),
      };
    });

    const authorizer = event.http.authorizer;
    if (authorizer?.kind !== 'lambda' || authorizer.managedExternally) continue;
    state.resources.addOnce(context.naming.getLambdaApiGatewayPermissionLogicalId(authorizer.name), () => {
      const alias = authorizer.functionName === undefined ? undefined : targetAliasOf(context.service.functions?.[authorizer.functionName]);
      return {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: alias ? { Ref: alias.logicalId } : authorizerArn(state, authorizer),
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: sourceArn(),
        },
      };
    });
  }
}
