import { compileService, propertiesOf } from '../__fixtures__/compile';

const uri = (arn: unknown) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', arn, '/invocations']],
});

describe('authorizers', () => {
  test('a function of the service (short form): TOKEN, no cache setting, its invoke permission', () => {
    const { resources } = compileService({ functions: { 'verify-token': [], me: [{ path: 'me', method: 'get', authorizer: 'verify-token' }] } });
    expect(resources.VerifyDashtokenApiGatewayAuthorizer).toEqual({
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: {
        IdentitySource: 'method.request.header.Authorization',
        Name: 'verify-token',
        RestApiId: { Ref: 'ApiGatewayRestApi' },
        AuthorizerUri: uri({ 'Fn::GetAtt': ['VerifyDashtokenLambdaFunction', 'Arn'] }),
        Type: 'TOKEN',
      },
    });
    expect(propertiesOf(resources, 'VerifyDashtokenLambdaPermissionApiGateway').FunctionName).toEqual({ 'Fn::GetAtt': ['VerifyDashtokenLambdaFunction', 'Arn'] });
  });

  test('a REQUEST authorizer by ARN with every setting', () => {
    const arn = 'arn:aws:lambda:us-east-1:123:function:other-dev-checker';
    const { resources } = compileService({
      functions: {
        a: [{ path: 'x', method: 'get', authorizer: { arn, type: 'request', resultTtlInSeconds: 0, identitySource: 'method.request.header.Auth, method.request.querystring.token', identityValidationExpression: '.+' } }],
      },
    });
    expect(propertiesOf(resources, 'CheckerApiGatewayAuthorizer')).toEqual({
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: 'method.request.header.Auth, method.request.querystring.token',
      Name: 'checker',
      RestApiId: { Ref: 'ApiGatewayRestApi' },
      IdentityValidationExpression: '.+',
      AuthorizerUri: uri(arn),
      Type: 'REQUEST',
    });
    expect(propertiesOf(resources, 'CheckerLambdaPermissionApiGateway').FunctionName).toBe(arn);
  });

  test('a Cognito user pool: no URI, no permission', () => {
    const arn = 'arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_abc';
    const { resources } = compileService({ functions: { a: [{ path: 'x', method: 'get', authorizer: { name: 'pool_auth', arn } }] } });
    expect(propertiesOf(resources, 'PoolUnderscoreauthApiGatewayAuthorizer')).toEqual({
      AuthorizerResultTtlInSeconds: 300,
      IdentitySource: 'method.request.header.Authorization',
      Name: 'pool_auth',
      RestApiId: { Ref: 'ApiGatewayRestApi' },
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [arn],
    });
    expect(resources.PoolUnderscoreauthLambdaPermissionApiGateway).toBeUndefined();
  });

  test('shared by several events: one authorizer and one permission; later settings win', () => {
    const { resources } = compileService({
      functions: { auth: [], a: [{ path: 'a', method: 'get', authorizer: 'auth' }], b: [{ path: 'b', method: 'get', authorizer: { name: 'auth', resultTtlInSeconds: 10 } }] },
    });
    expect(Object.keys(resources).filter((id) => id.startsWith('Auth'))).toEqual(['AuthApiGatewayAuthorizer', 'AuthLambdaPermissionApiGateway']);
    expect(propertiesOf(resources, 'AuthApiGatewayAuthorizer').AuthorizerResultTtlInSeconds).toBe(10);
  });

  test('managedExternally: no permission for the authorizer', () => {
    const { resources } = compileService({ functions: { auth: [], a: [{ path: 'a', method: 'get', authorizer: { name: 'auth', managedExternally: true } }] } });
    expect(resources.AuthLambdaPermissionApiGateway).toBeUndefined();
  });

  test('an authorizer function behind an alias', () => {
    const alias = { name: 'provisioned', logicalId: 'AuthProvConcLambdaAlias' };
    const context = compileService({ functions: { auth: { events: [], targetAlias: alias }, a: [{ path: 'a', method: 'get', authorizer: 'auth' }] } });
    expect(context.resources.AuthApiGatewayAuthorizer?.DependsOn).toBe('AuthProvConcLambdaAlias');
    expect(propertiesOf(context.resources, 'AuthLambdaPermissionApiGateway').FunctionName).toEqual({ Ref: 'AuthProvConcLambdaAlias' });
  });
});
