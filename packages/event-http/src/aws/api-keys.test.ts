import { compileService, errorOf, propertiesOf } from '../__fixtures__/compile';

const restApi = { Ref: 'ApiGatewayRestApi' };
const deployment = 'ApiGatewayDeployment1700000000000';

describe('API keys and usage plans', () => {
  test('private: true without keys only requires a key', () => {
    const { resources } = compileService({ functions: { a: [{ path: 'x', method: 'get', private: true }] } });
    expect(propertiesOf(resources, 'ApiGatewayMethodXGet').ApiKeyRequired).toBe(true);
    expect(Object.keys(resources).some((id) => id.includes('ApiKey') || id.includes('UsagePlan'))).toBe(false);
  });

  test('keys and one usage plan', () => {
    const { resources } = compileService({
      functions: { a: [{ path: 'x', method: 'get', private: true }] },
      provider: { apiGateway: { apiKeys: ['first', { name: 'second', value: 'abcdefghijklmnopqrstuvwxyz', description: 'd', customerId: 'c', enabled: false }], usagePlan: { quota: { limit: 5000, period: 'MONTH' }, throttle: { burstLimit: 200, rateLimit: 100 } } } },
    });
    expect(resources.ApiGatewayApiKey1).toEqual({
      Type: 'AWS::ApiGateway::ApiKey',
      Properties: { Enabled: true, Name: 'first', StageKeys: [{ RestApiId: restApi, StageName: 'dev' }] },
      DependsOn: deployment,
    });
    expect(propertiesOf(resources, 'ApiGatewayApiKey2')).toMatchObject({ Enabled: false, Name: 'second', Value: 'abcdefghijklmnopqrstuvwxyz', Description: 'd', CustomerId: 'c' });
    expect(resources.ApiGatewayUsagePlan).toEqual({
      Type: 'AWS::ApiGateway::UsagePlan',
      DependsOn: deployment,
      Properties: {
        ApiStages: [{ ApiId: restApi, Stage: 'dev' }],
        Description: 'Usage plan for svc dev stage',
        UsagePlanName: 'svc-dev',
        Quota: { Limit: 5000, Period: 'MONTH' },
        Throttle: { BurstLimit: 200, RateLimit: 100 },
      },
    });
    expect(resources.ApiGatewayUsagePlanKey2).toEqual({
      Type: 'AWS::ApiGateway::UsagePlanKey',
      Properties: { KeyId: { Ref: 'ApiGatewayApiKey2' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'ApiGatewayUsagePlan' } },
    });
  });

  test('named usage plans with keys grouped under them', () => {
    const { resources } = compileService({
      functions: { a: ['GET x'] },
      provider: { apiGateway: { apiKeys: [{ free: ['f1', 'f2'] }, { paid: ['p1'] }], usagePlan: [{ free: { quota: { limit: 100, period: 'DAY' } } }, { paid: { throttle: { rateLimit: 50 } } }] } },
    });
    expect(Object.keys(resources).filter((id) => /ApiKey|UsagePlan/.test(id))).toEqual([
      'ApiGatewayApiKeyFree1',
      'ApiGatewayApiKeyFree2',
      'ApiGatewayApiKeyPaid1',
      'ApiGatewayUsagePlanFree',
      'ApiGatewayUsagePlanPaid',
      'ApiGatewayUsagePlanKeyFree1',
      'ApiGatewayUsagePlanKeyFree2',
      'ApiGatewayUsagePlanKeyPaid1',
    ]);
    expect(propertiesOf(resources, 'ApiGatewayUsagePlanFree')).toEqual({
      ApiStages: [{ ApiId: restApi, Stage: 'dev' }],
      Description: 'Usage plan "free" for svc dev stage',
      UsagePlanName: 'svc-free-dev',
      Quota: { Limit: 100, Period: 'DAY' },
    });
    expect(propertiesOf(resources, 'ApiGatewayUsagePlanKeyPaid1')).toEqual({ KeyId: { Ref: 'ApiGatewayApiKeyPaid1' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'ApiGatewayUsagePlanPaid' } });
  });

  test('a usage plan without keys', () => {
    const { resources } = compileService({ functions: { a: ['GET x'] }, provider: { apiGateway: { usagePlan: { throttle: { burstLimit: 1 } } } } });
    expect(Object.keys(resources).filter((id) => /ApiKey|UsagePlan/.test(id))).toEqual(['ApiGatewayUsagePlan']);
  });

  test('keys grouped under a plan that does not exist; a loose key with named plans', () => {
    expect(errorOf(() => compileService({ functions: { a: ['GET x'] }, provider: { apiGateway: { apiKeys: [{ gold: ['k'] }], usagePlan: [{ free: {} }] } } })).code).toBe(
      'HTTP_KEY_WITHOUT_USAGE_PLAN',
    );
    expect(errorOf(() => compileService({ functions: { a: ['GET x'] }, provider: { apiGateway: { apiKeys: ['k'], usagePlan: [{ free: {} }] } } })).code).toBe(
      'HTTP_KEY_NEEDS_USAGE_PLAN_NAME',
    );
  });
});
