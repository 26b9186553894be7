import { compileService, propertiesOf } from '../__fixtures__/compile';
import { defaultLambdaRequestTemplates } from './lambda-request-templates';

const uri = (...arn: unknown[]) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', ...arn, '/invocations']],
});

describe('methods (lambda-proxy)', () => {
  test('the method of a short-form event', () => {
    const { resources } = compileService({ functions: { 'get-user': ['GET users/{id}'] } });
    expect(resources.ApiGatewayMethodUsersIdVarGet).toEqual({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        HttpMethod: 'GET',
        RequestParameters: {},
        ResourceId: { Ref: 'ApiGatewayResourceUsersIdVar' },
        RestApiId: { Ref: 'ApiGatewayRestApi' },
        ApiKeyRequired: false,
        AuthorizationType: 'NONE',
        Integration: { IntegrationHttpMethod: 'POST', Type: 'AWS_PROXY', Uri: uri({ 'Fn::GetAtt': ['GetDashuserLambdaFunction', 'Arn'] }) },
        MethodResponses: [],
      },
      DependsOn: ['GetDashuserLambdaPermissionApiGateway'],
    });
  });

  test('private, operationId and request parameters', () => {
    const { resources } = compileService({
      functions: {
        a: [{ path: 'x', method: 'get', private: true, operationId: 'getX', request: { parameters: { querystrings: { q: false }, headers: { 'X-Id': { required: true } } } } }],
      },
    });
    expect(propertiesOf(resources, 'ApiGatewayMethodXGet')).toMatchObject({
      RequestParameters: { 'method.request.querystring.q': false, 'method.request.header.X-Id': true },
      OperationName: 'getX',
      ApiKeyRequired: true,
    });
    // lambda-proxy passes parameters through: no integration mapping.
    expect(propertiesOf(resources, 'ApiGatewayMethodXGet').Integration.RequestParameters).toBeUndefined();
  });

  test('a function behind an alias (provisioned concurrency) is invoked through it', () => {
    const { resources } = compileService({ functions: { a: { events: [{ http: 'GET x' }], targetAlias: { name: 'provisioned', logicalId: 'AProvConcLambdaAlias' } } } });
    expect(propertiesOf(resources, 'ApiGatewayMethodXGet').Integration.Uri).toEqual(uri({ 'Fn::GetAtt': ['ALambdaFunction', 'Arn'] }, ':', 'provisioned'));
  });
});

describe('method authorization', () => {
  const method = (authorizer: unknown, extra: Record<string, unknown> = {}) =>
    compileService({ functions: { auth: [], a: [{ path: 'x', method: 'get', authorizer, ...extra }] } }).resources.ApiGatewayMethodXGet!;

  test('AWS_IAM', () => {
    expect(method('aws_iam')).toMatchObject({ Properties: { AuthorizationType: 'AWS_IAM' }, DependsOn: ['ALambdaPermissionApiGateway'] });
  });

  test('a Lambda authorizer: CUSTOM, and the method waits for the authorizer instead of the permission (as v3)', () => {
    expect(method('auth')).toMatchObject({
      Properties: { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: 'AuthApiGatewayAuthorizer' } },
      DependsOn: ['AuthApiGatewayAuthorizer'],
    });
  });

  test('a Cognito authorizer with scopes', () => {
    expect(method({ name: 'pool', arn: 'arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_x', scopes: ['email'] })).toMatchObject({
      Properties: { AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: 'PoolApiGatewayAuthorizer' }, AuthorizationScopes: ['email'] },
      DependsOn: ['PoolApiGatewayAuthorizer'],
    });
  });

  test('an existing authorizer by id: TOKEN/REQUEST are CUSTOM, Cognito keeps its scopes', () => {
    expect(method({ type: 'token', authorizerId: 'abc' }).Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: 'abc' });
    expect(method({ type: 'COGNITO_USER_POOLS', authorizerId: { Ref: 'X' }, scopes: ['s'] }).Properties).toMatchObject({
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: { Ref: 'X' },
      AuthorizationScopes: ['s'],
    });
  });
});

describe('integration: lambda', () => {
  test('default templates, pass-through NEVER, v3\'s nine responses with CORS headers', () => {
    const { resources } = compileService({ functions: { a: [{ path: 'x', method: 'post', integration: 'lambda', cors: true }] } });
    const properties = propertiesOf(resources, 'ApiGatewayMethodXPost');
    expect(properties.Integration).toMatchObject({ IntegrationHttpMethod: 'POST', Type: 'AWS', PassthroughBehavior: 'NEVER', RequestTemplates: defaultLambdaRequestTemplates() });
    expect(properties.Integration.IntegrationResponses.map((response: any) => response.StatusCode)).toEqual(['200', '400', '401', '403', '404', '422', '500', '502', '504']);
    expect(properties.Integration.IntegrationResponses[1]).toEqual({
      StatusCode: '400',
      SelectionPattern: '[\\s\\S]*\\[400\\][\\s\\S]*',
      ResponseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'*'" },
      ResponseTemplates: {},
    });
    expect(properties.MethodResponses[0]).toEqual({ ResponseParameters: { 'method.response.header.Access-Control-Allow-Origin': true }, ResponseModels: {}, StatusCode: '200' });
  });

  test('Cognito claims are added to cognitoPoolClaims', () => {
    const { resources } = compileService({
      functions: { a: [{ path: 'x', method: 'get', integration: 'lambda', authorizer: { arn: 'arn:aws:cognito-idp:us-east-1:1:userpool/p', claims: ['email', 'custom:role'] } }] },
    });
    const json = propertiesOf(resources, 'ApiGatewayMethodXGet').Integration.RequestTemplates['application/json'] as string;
    expect(json).toContain('"cognitoPoolClaims" : {\n       "email": "$context.authorizer.claims.email","role": "$context.authorizer.claims[\'custom:role\']",\n       "sub"');
  });

  test('custom templates replace or remove the defaults; parameters are mapped; async invokes as an event', () => {
    const { resources } = compileService({
      functions: {
        a: [
          {
            path: 'x/{id}',
            method: 'put',
            async: true,
            request: {
              template: { 'application/json': '{"id": "$input.params(\'id\')"}', 'application/x-www-form-urlencoded': null, 'text/plain': 'extraCognitoPoolClaims' },
              parameters: { paths: { id: true }, headers: { 'X-Trace': { required: false, mappedValue: 'context.requestId' } } },
              contentHandling: 'CONVERT_TO_TEXT',
            },
            response: { headers: { 'Content-Type': "'text/plain'" }, contentHandling: 'CONVERT_TO_BINARY', statusCodes: { 200: { pattern: '', template: 'ok' }, 500: { pattern: 'Error.*', headers: { 'X-Error': "'1'" } } } },
          },
        ],
      },
    });
    const integration = propertiesOf(resources, 'ApiGatewayMethodXIdVarPut').Integration;
    expect(integration.Type).toBe('AWS');
    expect(integration.ContentHandling).toBe('CONVERT_TO_TEXT');
    expect(integration.RequestTemplates).toEqual({ 'application/json': '{"id": "$input.params(\'id\')"}', 'text/plain': '' });
    expect(integration.RequestParameters).toEqual({
      'integration.request.path.id': 'method.request.path.id',
      'integration.request.header.X-Trace': 'context.requestId',
      'integration.request.header.X-Amz-Invocation-Type': "'Event'",
    });
    expect(integration.IntegrationResponses).toEqual([
      { StatusCode: '200', SelectionPattern: '', ResponseParameters: { 'method.response.header.Content-Type': "'text/plain'" }, ResponseTemplates: { 'application/json': 'ok' }, ContentHandling: 'CONVERT_TO_BINARY' },
      {
        StatusCode: '500',
        SelectionPattern: 'Error.*',
        ResponseParameters: { 'method.response.header.Content-Type': "'text/plain'", 'method.response.header.X-Error': "'1'" },
        ResponseTemplates: {},
      },
    ]);
    expect(propertiesOf(resources, 'ApiGatewayMethodXIdVarPut').MethodResponses[1]).toEqual({
      ResponseParameters: { 'method.response.header.Content-Type': true, 'method.response.header.X-Error': true },
      ResponseModels: {},
      StatusCode: '500',
    });
  });

  test('CORS with credentials and listed origins on the responses', () => {
    const { resources } = compileService({ functions: { a: [{ path: 'x', method: 'get', integration: 'lambda', cors: { origins: ['https://a.com', 'https://b.com'], allowCredentials: true } }] } });
    expect(propertiesOf(resources, 'ApiGatewayMethodXGet').Integration.IntegrationResponses[0].ResponseParameters).toEqual({
      'method.response.header.Access-Control-Allow-Origin': "'https://a.com,https://b.com'",
      'method.response.header.Access-Control-Allow-Credentials': "'true'",
    });
  });
});

describe('integration: http, http-proxy, mock', () => {
  test('http-proxy forwards to the URI with the event\'s method (request.method is ignored, as v3), through a VPC link', () => {
    const { resources, messages } = compileService({
      functions: { a: [{ path: 'x/{p}', method: 'get', integration: 'http-proxy', request: { uri: 'http://nlb/{p}', method: 'post', parameters: { paths: { p: true } } }, connectionType: 'vpc-link', connectionId: 'vl1' }] },
    });
    expect(messages).toEqual(['serverless.yml: functions.a.events[0].http: with the http-proxy integration only request.parameters, request.schemas, request.uri apply; request.method is ignored.']);
    expect(propertiesOf(resources, 'ApiGatewayMethodXPVarGet').Integration).toEqual({
      IntegrationHttpMethod: 'GET',
      Type: 'HTTP_PROXY',
      Uri: 'http://nlb/{p}',
      ConnectionType: 'VPC_LINK',
      ConnectionId: 'vl1',
      RequestParameters: { 'integration.request.path.p': 'method.request.path.p' },
    });
  });

  test('http with responses; mock without', () => {
    const { resources } = compileService({
      functions: {
        a: [
          { path: 'h', method: 'get', integration: 'http', request: { uri: 'https://example.com', method: 'post' }, response: { statusCodes: { 200: { pattern: '' } } } },
          { path: 'm', method: 'get', integration: 'mock', request: { template: { 'application/json': '{"statusCode": 200}' } } },
        ],
      },
    });
    expect(propertiesOf(resources, 'ApiGatewayMethodHGet').Integration).toEqual({
      IntegrationHttpMethod: 'POST',
      Type: 'HTTP',
      Uri: 'https://example.com',
      IntegrationResponses: [{ StatusCode: '200', SelectionPattern: '', ResponseParameters: {}, ResponseTemplates: {} }],
    });
    expect(propertiesOf(resources, 'ApiGatewayMethodMGet').Integration).toEqual({
      IntegrationHttpMethod: 'POST',
      Type: 'MOCK',
      RequestTemplates: { 'application/json': '{"statusCode": 200}' },
      IntegrationResponses: [],
    });
  });
});
