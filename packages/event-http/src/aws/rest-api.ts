import { httpErrors } from '../errors';
import type { CompileState } from './compile-state';
import { compact } from './intrinsics';

/**
 * `ApiGatewayRestApi`, unless the service adds its paths to an existing API
 * (`provider.apiGateway.restApiId`).
 */
export function compileRestApi(state: CompileState): void {
  const { apiGateway, context } = state;
  if (apiGateway.restApiId) return;
  const provider = context.service.provider;

  const endpointType = typeof provider.endpointType === 'string' ? provider.endpointType.toUpperCase() : 'EDGE';
  const endpointConfiguration: Record<string, unknown> = { Types: [endpointType] };
  if (provider.vpcEndpointIds !== undefined && provider.vpcEndpointIds !== null) {
    if (endpointType !== 'PRIVATE') throw httpErrors.vpcEndpointIdsNotPrivate(endpointType);
    endpointConfiguration.VpcEndpointIds = provider.vpcEndpointIds;
  }

  const policy = Array.isArray(apiGateway.resourcePolicy) && apiGateway.resourcePolicy.length > 0
    ? { Version: '2012-10-17', Statement: apiGateway.resourcePolicy }
    : '';

  const properties = compact({
    Name: context.naming.getApiGatewayName(context.service.service, context.stage, {
      apiName: typeof provider.apiName === 'string' ? provider.apiName : undefined,
      shouldStartNameWithService: apiGateway.shouldStartNameWithService === true,
    }),
    BinaryMediaTypes: apiGateway.binaryMediaTypes,
    Description: apiGateway.description ?? undefined,
    DisableExecuteApiEndpoint: apiGateway.disableDefaultEndpoint ?? undefined,
    EndpointConfiguration: endpointConfiguration,
    Policy: policy as unknown,
    ApiKeySourceType: typeof apiGateway.apiKeySourceType === 'string' ? apiGateway.apiKeySourceType.toUpperCase() : undefined,
    MinimumCompressionSize: apiGateway.minimumCompressionSize ?? undefined,
  });
  state.resources.add(context.naming.getRestApiLogicalId(), { Type: 'AWS::ApiGateway::RestApi', Properties: properties });
}
