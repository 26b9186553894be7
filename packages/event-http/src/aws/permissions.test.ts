import { compileService } from '../__fixtures__/compile';

describe('permissions', () => {
  test('one per function, whatever its number of http events', () => {
    const { resources } = compileService({ functions: { app: ['ANY /', 'ANY {proxy+}'] } });
    expect(resources.AppLambdaPermissionApiGateway).toEqual({
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: { 'Fn::GetAtt': ['AppLambdaFunction', 'Arn'] },
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: 'ApiGatewayRestApi' }, '/*/*']],
        },
      },
    });
    expect(Object.keys(resources).filter((id) => id.endsWith('LambdaPermissionApiGateway'))).toEqual(['AppLambdaPermissionApiGateway']);
  });

  test('a function behind an alias: the permission is on the alias, after it exists', () => {
    const { resources } = compileService({ functions: { a: { events: [{ http: 'GET x' }], targetAlias: { name: 'provisioned', logicalId: 'AProvConcLambdaAlias' } } } });
    // The test context's functionTargetArn is the plain function; the provider's gives the alias ARN.
    expect(resources.ALambdaPermissionApiGateway?.DependsOn).toBe('AProvConcLambdaAlias');
  });
});
