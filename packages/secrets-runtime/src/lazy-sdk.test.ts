// The SDK must be loaded on the first SSM read only: importing the helper, or reading local
// values, must not pay for it (cold starts).
it('loads @aws-sdk/client-ssm on the first SSM read, not at import or for local values', async () => {
  let loaded = 0;
  const sent: unknown[] = [];
  await jest.isolateModulesAsync(async () => {
    jest.doMock('@aws-sdk/client-ssm', () => {
      loaded += 1;
      class GetParametersCommand {
        constructor(readonly input: unknown) {}
      }
      class SSMClient {
        async send(command: GetParametersCommand) {
          sent.push(command.input);
          return { Parameters: [{ Name: '/s/d/A', Value: 'from-ssm' }], InvalidParameters: [] };
        }
      }
      return { GetParametersCommand, SSMClient };
    });
    const runtime = require('./index') as typeof import('./index');
    expect(loaded).toBe(0);
    runtime.configureSecrets({ env: { STRATUS_SECRETS: '{"A":"/s/d/A"}', STRATUS_SECRETS_LOCAL: '{"/s/d/A":"local"}' } });
    expect(await runtime.getSecret('A')).toBe('local');
    expect(loaded).toBe(0);
    runtime.configureSecrets({ env: { STRATUS_SECRETS: '{"A":"/s/d/A"}' } });
    expect(await runtime.getSecret('A')).toBe('from-ssm');
    expect(loaded).toBe(1);
    expect(sent).toEqual([{ Names: ['/s/d/A'], WithDecryption: true }]);
  });
});
