import { compileService, errorOf, propertiesOf } from '../__fixtures__/compile';

const hello = { hello: ['GET hello'] };

describe('RestApi', () => {
  test('defaults: EDGE, an empty policy, named <stage>-<service>', () => {
    const { resources } = compileService({ functions: hello });
    expect(resources.ApiGatewayRestApi).toEqual({
      Type: 'AWS::ApiGateway::RestApi',
      Properties: { Name: 'dev-svc', EndpointConfiguration: { Types: ['EDGE'] }, Policy: '' },
    });
  });

  test('every API-wide setting', () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: ['execute-api:/*'] };
    const { resources } = compileService({
      functions: hello,
      provider: {
        endpointType: 'private',
        vpcEndpointIds: ['vpce-1'],
        apiGateway: {
          shouldStartNameWithService: true,
          binaryMediaTypes: ['image/png'],
          description: 'My API',
          disableDefaultEndpoint: true,
          apiKeySourceType: 'authorizer',
          minimumCompressionSize: 0,
          resourcePolicy: [statement],
        },
      },
    });
    expect(propertiesOf(resources, 'ApiGatewayRestApi')).toEqual({
      Name: 'svc-dev',
      BinaryMediaTypes: ['image/png'],
      Description: 'My API',
      DisableExecuteApiEndpoint: true,
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: ['vpce-1'] },
      Policy: { Version: '2012-10-17', Statement: [statement] },
      ApiKeySourceType: 'AUTHORIZER',
      MinimumCompressionSize: 0,
    });
  });

  test('provider.apiName wins over both name orders', () => {
    const { resources } = compileService({ functions: hello, provider: { apiName: 'custom-api', apiGateway: { shouldStartNameWithService: true } } });
    expect(propertiesOf(resources, 'ApiGatewayRestApi').Name).toBe('custom-api');
  });

  test('VPC endpoint ids need a PRIVATE API', () => {
    const error = errorOf(() => compileService({ functions: hello, provider: { endpointType: 'REGIONAL', vpcEndpointIds: ['vpce-1'] } }));
    expect(error.code).toBe('HTTP_VPC_ENDPOINT_IDS_NOT_PRIVATE');
  });

  test('an imported API: no RestApi, every reference uses the given id', () => {
    const restApiId = { 'Fn::ImportValue': 'Shared-restApiId' };
    const { resources, template } = compileService({ functions: hello, provider: { apiGateway: { restApiId, restApiRootResourceId: 'root123' } } });
    expect(resources.ApiGatewayRestApi).toBeUndefined();
    expect(propertiesOf(resources, 'ApiGatewayResourceHello')).toEqual({ ParentId: 'root123', PathPart: 'hello', RestApiId: restApiId });
    expect(propertiesOf(resources, 'HelloLambdaPermissionApiGateway').SourceArn['Fn::Join'][1][7]).toEqual(restApiId);
    expect((template.Outputs.ServiceEndpoint?.Value as any)['Fn::Join'][1][1]).toEqual(restApiId);
  });
});
