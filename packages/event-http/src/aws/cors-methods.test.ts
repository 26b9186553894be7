import { compileService, propertiesOf } from '../__fixtures__/compile';
import { corsOriginResponseTemplate } from './cors-methods';

const integrationResponse = (properties: Record<string, any>) => properties.Integration.IntegrationResponses[0];

describe('CORS OPTIONS methods', () => {
  test('cors: true — a MOCK method answering the preflight', () => {
    const { resources } = compileService({ functions: { a: [{ path: 'users', method: 'get', cors: true }] } });
    expect(resources.ApiGatewayMethodUsersOptions).toEqual({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        AuthorizationType: 'NONE',
        HttpMethod: 'OPTIONS',
        MethodResponses: [
          {
            StatusCode: '200',
            ResponseParameters: {
              'method.response.header.Access-Control-Allow-Origin': true,
              'method.response.header.Access-Control-Allow-Headers': true,
              'method.response.header.Access-Control-Allow-Methods': true,
            },
            ResponseModels: {},
          },
        ],
        RequestParameters: {},
        Integration: {
          Type: 'MOCK',
          RequestTemplates: { 'application/json': '{statusCode:200}' },
          ContentHandling: 'CONVERT_TO_TEXT',
          IntegrationResponses: [
            {
              StatusCode: '200',
              ResponseParameters: {
                'method.response.header.Access-Control-Allow-Origin': "'*'",
                'method.response.header.Access-Control-Allow-Headers': "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,X-Amzn-Trace-Id'",
                'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,GET'",
              },
              ResponseTemplates: { 'application/json': '' },
            },
          ],
        },
        ResourceId: { Ref: 'ApiGatewayResourceUsers' },
        RestApiId: { Ref: 'ApiGatewayRestApi' },
      },
    });
  });

  test('events on one path merge: newest methods and headers first, credentials if any, last maxAge and cacheControl', () => {
    const { resources } = compileService({
      functions: {
        a: [{ path: 'items', method: 'get', cors: { headers: ['X-A'], maxAge: 60 } }],
        b: [{ path: 'items', method: 'post', cors: { headers: ['X-B'], allowCredentials: true, maxAge: 120, cacheControl: 'max-age=60' } }],
        c: [{ path: 'items', method: 'delete' }],
      },
    });
    expect(integrationResponse(propertiesOf(resources, 'ApiGatewayMethodItemsOptions')).ResponseParameters).toEqual({
      'method.response.header.Access-Control-Allow-Origin': "'*'",
      'method.response.header.Access-Control-Allow-Headers': "'X-B,X-A'",
      'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,POST,GET'",
      'method.response.header.Access-Control-Allow-Credentials': "'true'",
      'method.response.header.Access-Control-Max-Age': "'120'",
      'method.response.header.Cache-Control': "'max-age=60'",
    });
  });

  test('ANY expands to every method; the root path has its own OPTIONS method', () => {
    const { resources } = compileService({ functions: { a: [{ path: '/', method: 'any', cors: true }] } });
    const properties = propertiesOf(resources, 'ApiGatewayMethodOptions');
    expect(integrationResponse(properties).ResponseParameters['method.response.header.Access-Control-Allow-Methods']).toBe("'OPTIONS,DELETE,GET,HEAD,PATCH,POST,PUT'");
    expect(properties.ResourceId).toEqual({ 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] });
  });

  test('listed origins: the first in the header, and a template that echoes any matching Origin', () => {
    const { resources } = compileService({ functions: { a: [{ path: 'x', method: 'get', cors: { origins: ['https://a.com', 'https://*.b.com'] } }] } });
    const response = integrationResponse(propertiesOf(resources, 'ApiGatewayMethodXOptions'));
    expect(response.ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe("'https://a.com'");
    expect(response.ResponseTemplates['application/json']).toBe(
      '#set($origin = $input.params("Origin"))\n' +
        '#if($origin == "") #set($origin = $input.params("origin")) #end\n' +
        '#if($origin.matches("https://a[.]com") || $origin.matches("https://.+[.]b[.]com")) #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin) #end',
    );
  });

  test('a comma-separated origin is split as a list', () => {
    const { resources } = compileService({ functions: { a: [{ path: 'x', method: 'get', cors: { origin: 'https://a.com, https://c.com' } }] } });
    const response = integrationResponse(propertiesOf(resources, 'ApiGatewayMethodXOptions'));
    expect(response.ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe("'https://a.com'");
    expect(response.ResponseTemplates['application/json']).toBe(corsOriginResponseTemplate(['https://a.com', 'https://c.com']));
  });

  test('OPTIONS methods come first in the deployment\'s dependencies', () => {
    const { template } = compileService({ functions: { a: [{ path: 'x', method: 'get', cors: true }, 'POST y'] } });
    expect(template.Resources['ApiGatewayDeployment1700000000000']?.DependsOn).toEqual(['ApiGatewayMethodXOptions', 'ApiGatewayMethodXGet', 'ApiGatewayMethodYPost']);
  });
});
