import { compileService, propertiesOf } from '../__fixtures__/compile';
import { startCaseCompact, upperCamelCase, words } from './words';

describe('request validators and models', () => {
  test('a required parameter: the one validator, named after the service', () => {
    const { resources } = compileService({
      service: 'sls-crud',
      functions: { a: [{ path: 'x/{id}', method: 'get', request: { parameters: { paths: { id: true } } } }], b: [{ path: 'y', method: 'get', request: { parameters: { querystrings: { q: true } } } }] },
    });
    expect(resources.ApiGatewaySlscrudRequestValidator).toEqual({
      Type: 'AWS::ApiGateway::RequestValidator',
      Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, ValidateRequestBody: true, ValidateRequestParameters: true, Name: 'sls-crud-dev | Validate request body and querystring parameters' },
    });
    expect(propertiesOf(resources, 'ApiGatewayMethodXIdVarGet').RequestValidatorId).toEqual({ Ref: 'ApiGatewaySlscrudRequestValidator' });
    expect(propertiesOf(resources, 'ApiGatewayMethodYGet').RequestValidatorId).toEqual({ Ref: 'ApiGatewaySlscrudRequestValidator' });
  });

  test('optional parameters only: no validation', () => {
    const { resources } = compileService({ functions: { a: [{ path: 'x', method: 'get', request: { parameters: { querystrings: { q: false }, headers: { h: { required: false } } } } }] } });
    expect(resources.ApiGatewaySvcRequestValidator).toBeUndefined();
    expect(propertiesOf(resources, 'ApiGatewayMethodXGet').RequestValidatorId).toBeUndefined();
  });

  test('inline schemas: one model per content type', () => {
    const schema = { type: 'object', required: ['name'] };
    const { resources } = compileService({
      functions: { a: [{ path: 'users', method: 'post', request: { schemas: { 'application/json': schema, 'text/plain': { schema: { type: 'string' }, name: 'Plain', description: 'text' } } } }] },
    });
    expect(resources.ApiGatewayMethodUsersPostApplicationJsonModel).toEqual({
      Type: 'AWS::ApiGateway::Model',
      Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, ContentType: 'application/json', Schema: schema },
    });
    expect(propertiesOf(resources, 'ApiGatewayMethodUsersPostTextPlainModel')).toMatchObject({ ContentType: 'text/plain', Name: 'Plain', Description: 'text' });
    expect(propertiesOf(resources, 'ApiGatewayMethodUsersPost')).toMatchObject({
      RequestValidatorId: { Ref: 'ApiGatewaySvcRequestValidator' },
      RequestModels: { 'application/json': { Ref: 'ApiGatewayMethodUsersPostApplicationJsonModel' }, 'text/plain': { Ref: 'ApiGatewayMethodUsersPostTextPlainModel' } },
    });
  });

  test('schemas defined once under provider.apiGateway.request.schemas are shared', () => {
    const { resources } = compileService({
      provider: { apiGateway: { request: { schemas: { 'post-create-model': { name: 'PostCreate', schema: { type: 'object' }, description: 'new post' } } } } },
      functions: { a: [{ path: 'a', method: 'post', request: { schemas: { 'application/json': 'post-create-model' } } }], b: [{ path: 'b', method: 'post', request: { schemas: { 'application/json': 'post-create-model' } } }] },
    });
    expect(resources.ApiGatewayPostCreateModelModel).toEqual({
      Type: 'AWS::ApiGateway::Model',
      Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, Schema: { type: 'object' }, ContentType: 'application/json', Name: 'PostCreate', Description: 'new post' },
    });
    expect(propertiesOf(resources, 'ApiGatewayMethodBPost').RequestModels).toEqual({ 'application/json': { Ref: 'ApiGatewayPostCreateModelModel' } });
  });
});

describe('words (lodash camelCase/startCase for logical ids)', () => {
  test.each([
    ['post-create-model', 'PostCreateModel'],
    ['XMLHttpRequest', 'XmlHttpRequest'],
    ['user_v2Schema', 'UserV2Schema'],
  ])('upperCamelCase(%s) = %s', (input, output) => {
    expect(upperCamelCase(input)).toBe(output);
  });

  test('startCase without spaces, and word boundaries', () => {
    expect(startCaseCompact('application/x-www-form-urlencoded')).toBe('ApplicationXWwwFormUrlencoded');
    expect(words('fooBar2baz')).toEqual(['foo', 'Bar', '2', 'baz']);
  });
});
