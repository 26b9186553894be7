import { compileService } from '../__fixtures__/compile';

describe('stage', () => {
  test('provider.logs.restApi: the access log group (and a warning about the account CloudWatch role)', () => {
    const { resources, messages } = compileService({ functions: { a: ['GET x'] }, provider: { logs: { restApi: true }, logRetentionInDays: 14 } });
    expect(resources.ApiGatewayLogGroup).toEqual({ Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/api-gateway/svc-dev', RetentionInDays: 14 } });
    expect(messages.join('\n')).toContain('roleManagedExternally');
  });

  test('no log group without logs, or with accessLogging off; no warning when the role is managed', () => {
    expect(compileService({ functions: { a: ['GET x'] } }).resources.ApiGatewayLogGroup).toBeUndefined();
    expect(compileService({ functions: { a: ['GET x'] }, provider: { logs: { restApi: { accessLogging: false } } } }).resources.ApiGatewayLogGroup).toBeUndefined();
    expect(compileService({ functions: { a: ['GET x'] }, provider: { logs: { restApi: { roleManagedExternally: true } } } }).messages).toEqual([]);
  });
});
