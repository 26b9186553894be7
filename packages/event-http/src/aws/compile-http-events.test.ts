import { emptyTemplate, TemplateBuilder } from '@stratus/provider-aws';
import { compileContext } from '../__fixtures__/corpus';
import { compileService, errorOf, serviceConfig } from '../__fixtures__/compile';
import { compileHttpEvents } from './compile-http-events';

describe('compileHttpEvents', () => {
  test('resources in v3\'s order', () => {
    const { template } = compileService({
      functions: { auth: [], a: [{ path: 'users/{id}', method: 'get', cors: true, authorizer: 'auth', request: { parameters: { paths: { id: true } } } }] },
    });
    expect(Object.keys(template.Resources)).toEqual([
      'ApiGatewayRestApi',
      'ApiGatewayResourceUsers',
      'ApiGatewayResourceUsersIdVar',
      'ApiGatewayMethodUsersIdVarOptions',
      'ApiGatewayMethodUsersIdVarGet',
      'ApiGatewaySvcRequestValidator',
      'AuthApiGatewayAuthorizer',
      'ApiGatewayDeployment1700000000000',
      'ALambdaPermissionApiGateway',
      'AuthLambdaPermissionApiGateway',
    ]);
  });

  test('the stage must be a valid API Gateway stage name', () => {
    const error = errorOf(() => compileService({ functions: { a: ['GET x'] }, stage: 'feature.1' }));
    expect(error.code).toBe('HTTP_INVALID_STAGE_NAME');
    expect(error.message).toBe('Invalid stage name "feature.1": API Gateway stage names may only contain letters, digits, "-" and "_", and this service has http events.');
  });

  test('provider settings that cannot work together', () => {
    const external = { restApiId: 'abc', restApiRootResourceId: 'root' };
    expect(errorOf(() => compileService({ functions: { a: ['GET x'] }, provider: { apiGateway: { restApiId: 'abc' } } })).code).toBe('HTTP_MISSING_ROOT_RESOURCE_ID');
    expect(errorOf(() => compileService({ functions: { a: ['GET x'] }, provider: { apiGateway: external, tracing: { apiGateway: true } } })).code).toBe('HTTP_EXTERNAL_API_TRACING');
    expect(errorOf(() => compileService({ functions: { a: ['GET x'] }, provider: { apiGateway: external, logs: { restApi: true } } })).code).toBe('HTTP_EXTERNAL_API_LOGS');
  });

  test('two events on the same path and method', () => {
    const error = errorOf(() => compileService({ functions: { a: ['GET users'], b: ['get /users/'] } }));
    expect(error.code).toBe('HTTP_DUPLICATE_ENDPOINT');
    expect(error.message).toBe('serverless.yml: functions.b.events[0].http: GET /users is already defined by serverless.yml: functions.a.events[0].http.');
  });

  test('a logical id another plugin already added is refused, naming both', () => {
    const context = compileContext(serviceConfig({ functions: { a: ['GET x'] } }), { stage: 'dev', region: 'us-east-1' });
    const builder = new TemplateBuilder(emptyTemplate());
    builder.addResource('some-plugin', 'ApiGatewayRestApi', { Type: 'AWS::ApiGateway::RestApi' });
    const error = errorOf(() => compileHttpEvents({ ...context, builder }));
    expect(error.code).toBe('AWS_TEMPLATE_DUPLICATE_LOGICAL_ID');
    expect(error.message).toContain('@stratus/event-http tried to add resource "ApiGatewayRestApi"');
  });

  test('no events: nothing', () => {
    const context = compileContext(serviceConfig({ functions: { a: [] } }), { stage: 'dev', region: 'us-east-1' });
    compileHttpEvents(context);
    expect(context.builder.template.Resources).toEqual({});
    expect(context.builder.template.Outputs).toEqual({});
  });
});
