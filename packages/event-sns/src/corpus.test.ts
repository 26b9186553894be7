import type { AwsServiceConfig, CfnResource } from '@stratus/provider-aws';
import { contextForService } from '@stratus/testing';
import { casesWithEvent, diffResources, expectedTemplate, lodashMerge, printConfiguration, selectResources } from '@stratus/testing';
import { compileSnsEvents } from './aws/compile-sns-events';

/** The resources `sns` events produce: topics, subscriptions, dead-letter queue policies and SNS's permissions. */
const isSnsResource = (_id: string, resource: CfnResource): boolean =>
  resource.Type === 'AWS::SNS::Topic' ||
  resource.Type === 'AWS::SNS::Subscription' ||
  resource.Type === 'AWS::SQS::QueuePolicy' ||
  (resource.Type === 'AWS::Lambda::Permission' && resource.Properties?.Principal === 'sns.amazonaws.com');

const cases = casesWithEvent('sns');

test('the corpus has the sns cases this package is checked against', () => {
  expect(cases.map((corpusCase) => corpusCase.name)).toEqual(['etl-pipeline-sns', 's3-sns-fanout', 'sns-to-slack-python', 'text-analysis-sns']);
});

describe.each(cases.map((corpusCase) => [corpusCase.name, corpusCase] as const))('corpus case %s', (_name, corpusCase) => {
  test('sns resources match v3', async () => {
    const service = (await printConfiguration(corpusCase)) as unknown as AwsServiceConfig;
    const context = contextForService('sns', service);
    compileSnsEvents(context);
    const compiled = context.builder.template.Resources as Record<string, unknown>;
    lodashMerge(compiled, (service.resources?.Resources ?? {}) as Record<string, unknown>);
    const actual = selectResources(compiled as Record<string, CfnResource>, isSnsResource);
    const expected = selectResources(expectedTemplate(corpusCase).Resources, isSnsResource);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(diffResources(actual, expected)).toEqual([]);
  }, 30_000);
});
