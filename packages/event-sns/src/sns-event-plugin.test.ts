import type { PluginApi } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import { compileContext } from '@stratus/testing';
import plugin, { snsEventPlugin } from './index';
import { snsEventSchema } from './schema';

test('registers the schema for aws and compiles through the provider hook', async () => {
  const defined: unknown[][] = [];
  const service = { configuration: {}, options: {} };
  const api = { service, schema: { defineFunctionEvent: (...args: unknown[]) => defined.push(args) } } as unknown as PluginApi;
  expect(plugin).toBe(snsEventPlugin);
  expect(snsEventPlugin.name).toBe('@stratus/event-sns');
  await snsEventPlugin.apply(api);
  expect(defined).toEqual([['aws', 'sns', snsEventSchema]]);

  const hooks = getAwsProviderHooks(service);
  expect(hooks.compileEvents.get('sns')?.taps.map((tap) => tap.name)).toEqual(['@stratus/event-sns']);
  const context = compileContext('sns', { functions: { job: { events: [{ sns: 'jobs' }] } } });
  await hooks.compileEvents.for('sns').promise(context);
  expect(Object.keys(context.builder.template.Resources)).toEqual(['SNSTopicJobs', 'JobLambdaPermissionJobsSNS']);
});
