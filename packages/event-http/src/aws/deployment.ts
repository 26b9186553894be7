import type { CompileState } from './compile-state';
import { compact } from './intrinsics';

/**
 * `ApiGatewayDeployment<instanceId>` — a new logical id every time the service is packaged, so
 * every deploy deploys the API — and the `ServiceEndpoint` output.
 */
export function compileDeployment(state: CompileState): void {
  const { context, apiGateway } = state;
  state.resources.add(state.deploymentLogicalId, {
    Type: 'AWS::ApiGateway::Deployment',
    Properties: compact({
      RestApiId: state.restApiId,
      StageName: apiGateway.stage || context.stage,
      Description: apiGateway.description ?? undefined,
    }),
    DependsOn: [...state.methodLogicalIds],
  });
}

/** `https://<api id>.execute-api.<region>.<url suffix>/<stage>`. */
export function serviceEndpointOutput(state: CompileState): { Description: string; Value: unknown } {
  return {
    Description: 'URL of the service endpoint',
    Value: {
      'Fn::Join': ['', ['https://', state.restApiId, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, `/${state.context.stage}`]],
    },
  };
}
