import type { PluginApi } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import { compileContext } from '@stratus/testing';
import plugin, { scheduleEventPlugin } from './index';
import { scheduleEventSchema } from './schema';

test('registers the schema for aws and compiles through the provider hook', async () => {
  const defined: unknown[][] = [];
  const service = { configuration: {}, options: {} };
  const api = { service, schema: { defineFunctionEvent: (...args: unknown[]) => defined.push(args) } } as unknown as PluginApi;
  expect(plugin).toBe(scheduleEventPlugin);
  expect(scheduleEventPlugin.name).toBe('@stratus/event-schedule');
  await scheduleEventPlugin.apply(api);
  expect(defined).toEqual([['aws', 'schedule', scheduleEventSchema]]);

  const hooks = getAwsProviderHooks(service);
  expect(hooks.compileEvents.get('schedule')?.taps.map((tap) => tap.name)).toEqual(['@stratus/event-schedule']);
  const context = compileContext('schedule', { functions: { job: { events: [{ schedule: 'rate(1 day)' }] } } });
  await hooks.compileEvents.for('schedule').promise(context);
  expect(Object.keys(context.builder.template.Resources)).toEqual(['JobEventsRuleSchedule1', 'JobLambdaPermissionEventsRuleSchedule1']);
});
