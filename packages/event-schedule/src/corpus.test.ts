import type { AwsServiceConfig, CfnResource } from '@stratus/provider-aws';
import { contextForService } from '@stratus/testing';
import { casesWithEvent, diffResources, expectedTemplate, lodashMerge, printConfiguration, selectResources } from '@stratus/testing';
import { compileScheduleEvents } from './aws/compile-schedule-events';

/** The resources `schedule` events produce: rules, scheduler schedules and EventBridge's permissions. */
const isScheduleResource = (_id: string, resource: CfnResource): boolean =>
  resource.Type === 'AWS::Events::Rule' ||
  resource.Type === 'AWS::Scheduler::Schedule' ||
  (resource.Type === 'AWS::Lambda::Permission' && (resource.Properties?.Principal === 'events.amazonaws.com' || resource.Properties?.Principal === 'scheduler.amazonaws.com'));

const cases = casesWithEvent('schedule');

test('the corpus has the schedule cases this package is checked against', () => {
  expect(cases.map((corpusCase) => corpusCase.name)).toEqual(['alertes-forfait', 'cron-rate-opt', 'reminder-bot', 's3-processing-python', 'twitter-joke-bot']);
});

describe.each(cases.map((corpusCase) => [corpusCase.name, corpusCase] as const))('corpus case %s', (_name, corpusCase) => {
  test('schedule resources match v3', async () => {
    const service = (await printConfiguration(corpusCase)) as unknown as AwsServiceConfig;
    const context = contextForService('schedule', service);
    compileScheduleEvents(context);
    const compiled = context.builder.template.Resources as Record<string, unknown>;
    lodashMerge(compiled, (service.resources?.Resources ?? {}) as Record<string, unknown>);
    const actual = selectResources(compiled as Record<string, CfnResource>, isScheduleResource);
    const expected = selectResources(expectedTemplate(corpusCase).Resources, isScheduleResource);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(diffResources(actual, expected)).toEqual([]);
  }, 30_000);
});
