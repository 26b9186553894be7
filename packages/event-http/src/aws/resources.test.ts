import { compileService, errorOf, propertiesOf } from '../__fixtures__/compile';
import { planResources } from './resources';

describe('planResources', () => {
  test('every prefix once, depth first, branches in the order paths appear', () => {
    expect(planResources(['users/{id}/posts', 'hello', 'users', 'users/{id}', ''], new Map()).map((node) => node.path)).toEqual([
      'users',
      'users/{id}',
      'users/{id}/posts',
      'hello',
    ]);
  });

  test('paths below an existing resource are created under it; the existing one is not', () => {
    const plan = planResources(['users/{id}', 'users', 'posts'], new Map([['users', 'abc123']]));
    expect(plan).toEqual([
      { path: 'users/{id}', pathPart: '{id}', parentPath: 'users' },
      { path: 'posts', pathPart: 'posts', parentPath: '' },
    ]);
  });

  test('a parent of an existing resource cannot be created again', () => {
    const error = errorOf(() => planResources(['api/v2/x', 'api/other'], new Map([['api/v2', 'id2']])));
    expect(error.code).toBe('HTTP_RESOURCE_ID_REQUIRED');
    expect(error.message).toContain('path "api"');
    expect(planResources(['api/v2/x'], new Map([['api/v2', 'id2']])).map((node) => node.path)).toEqual(['api/v2/x']);
  });
});

describe('resources', () => {
  test('PathPart is the raw segment, ParentId the parent or the root; the root path has no resource', () => {
    const { resources } = compileService({ functions: { a: ['GET /', 'GET users/{userId}'] } });
    expect(propertiesOf(resources, 'ApiGatewayResourceUsers')).toEqual({
      ParentId: { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] },
      PathPart: 'users',
      RestApiId: { Ref: 'ApiGatewayRestApi' },
    });
    expect(propertiesOf(resources, 'ApiGatewayResourceUsersUseridVar')).toMatchObject({ ParentId: { Ref: 'ApiGatewayResourceUsers' }, PathPart: '{userId}' });
    expect(propertiesOf(resources, 'ApiGatewayMethodGet').ResourceId).toEqual({ 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] });
    expect(Object.keys(resources).filter((id) => id.startsWith('ApiGatewayResource'))).toEqual(['ApiGatewayResourceUsers', 'ApiGatewayResourceUsersUseridVar']);
  });

  test('restApiResources (map or list) give ids to existing paths', () => {
    for (const restApiResources of [{ '/users': 'usersId' }, [{ path: '/users', resourceId: 'usersId' }]]) {
      const { resources } = compileService({
        functions: { a: ['GET users', 'GET users/{id}'] },
        provider: { apiGateway: { restApiId: 'api1', restApiRootResourceId: 'root1', restApiResources } },
      });
      expect(resources.ApiGatewayResourceUsers).toBeUndefined();
      expect(propertiesOf(resources, 'ApiGatewayMethodUsersGet').ResourceId).toBe('usersId');
      expect(propertiesOf(resources, 'ApiGatewayResourceUsersIdVar').ParentId).toBe('usersId');
    }
  });
});
