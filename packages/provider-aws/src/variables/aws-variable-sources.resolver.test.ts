import * as path from 'node:path';
import type { VariableSource } from '@stratus/core';
import { fakeAwsClients, type FakeHandler } from '../aws/__fixtures__/fake-aws';
import { createAwsVariableSources } from './aws-variable-sources';

/**
 * The sources inside the core's real resolver (one pass over a whole configuration), loaded from
 * the core's sources because the resolver is not part of its public API.
 */
const { resolveVariables, createCoreVariableSources } = require(path.join(__dirname, '../../../core/src/variables')) as {
  resolveVariables(options: Record<string, unknown>): Promise<void>;
  createCoreVariableSources(options: { optionsComplete: boolean }): Map<string, VariableSource>;
};

const ssm: Record<string, FakeHandler> = {
  GetParameters: (input) => {
    const names = input.Names as string[];
    return {
      Parameters: names.filter((name) => !name.includes('missing')).map((name) => ({ Name: name, Type: 'String', Value: `value of ${name}` })),
      InvalidParameters: names.filter((name) => name.includes('missing')),
    };
  },
  DescribeStacks: () => ({ Stacks: [{ Outputs: [{ OutputKey: 'Url', OutputValue: 'https://api' }] }] }),
  GetCallerIdentity: () => ({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' }),
};

async function resolveConfiguration(configuration: Record<string, unknown>) {
  const fake = fakeAwsClients(ssm);
  const options = {};
  const sources = new Map([...createCoreVariableSources({ optionsComplete: true }), ...createAwsVariableSources(fake.clients, { configuration, options })]);
  await resolveVariables({ configuration, sources, serviceDir: '/tmp/service', configFile: 'serverless.yml', options, final: true });
  return fake.calls;
}

it('makes one GetParameters call for the ${ssm:} of one pass, nested and interpolated ones included', async () => {
  const configuration: Record<string, unknown> = {
    service: 'svc',
    provider: { name: 'aws', region: 'eu-west-1' },
    custom: {
      name: 'n',
      a: '${ssm:/app/a}',
      b: 'prefix-${ssm:/app/b}',
      c: '${ssm:/app/${self:custom.name}}',
      d: '${ssm:/app/missing, "fallback"}',
      e: '${ssm:/app/a}',
      url: '${cf:other-dev.Url}',
      account: '${aws:accountId}',
    },
  };
  const calls = await resolveConfiguration(configuration);
  expect(configuration.custom).toEqual({
    name: 'n',
    a: 'value of /app/a',
    b: 'prefix-value of /app/b',
    c: 'value of /app/n',
    d: 'fallback',
    e: 'value of /app/a',
    url: 'https://api',
    account: '123456789012',
  });
  const ssmCalls = calls.filter((call) => call.service === 'ssm');
  expect(ssmCalls).toHaveLength(1);
  expect([...(ssmCalls[0]?.input.Names as string[])].sort()).toEqual(['/app/a', '/app/b', '/app/missing', '/app/n']);
});

it('makes two calls for twelve parameters', async () => {
  const custom: Record<string, string> = {};
  for (let index = 0; index < 12; index += 1) custom[`p${index}`] = `\${ssm:/p/${index}}`;
  const configuration: Record<string, unknown> = { service: 'svc', provider: { name: 'aws' }, custom };
  const calls = await resolveConfiguration(configuration);
  expect(calls.map((call) => (call.input.Names as string[]).length)).toEqual([10, 2]);
  expect((configuration.custom as Record<string, string>).p11).toBe('value of /p/11');
});
