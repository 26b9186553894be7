import { compileService } from '../__fixtures__/compile';

describe('deployment and ServiceEndpoint', () => {
  test('a deployment per package run, waiting for every method, and the endpoint output', () => {
    const { resources, template } = compileService({ functions: { a: ['GET a', 'POST b'] } });
    expect(resources.ApiGatewayDeployment1700000000000).toEqual({
      Type: 'AWS::ApiGateway::Deployment',
      Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, StageName: 'dev' },
      DependsOn: ['ApiGatewayMethodAGet', 'ApiGatewayMethodBPost'],
    });
    expect(template.Outputs.ServiceEndpoint).toEqual({
      Description: 'URL of the service endpoint',
      Value: { 'Fn::Join': ['', ['https://', { Ref: 'ApiGatewayRestApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/dev']] },
    });
  });

  test('apiGateway.stage names the deployed stage; the endpoint keeps the service stage; description', () => {
    const { resources, template } = compileService({ functions: { a: ['GET a'] }, provider: { apiGateway: { stage: 'shared', description: 'v2' } } });
    expect(resources.ApiGatewayDeployment1700000000000?.Properties).toEqual({ RestApiId: { Ref: 'ApiGatewayRestApi' }, StageName: 'shared', Description: 'v2' });
    expect(JSON.stringify(template.Outputs.ServiceEndpoint)).toContain('"/dev"');
  });
});
