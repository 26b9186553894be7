import type { StratusPlugin } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';

/**
 * Stand-ins for the other event packages (s3, schedule, sns), so services that mix them with
 * http events can be packaged in these tests: any definition is accepted, nothing is compiled.
 */
export const stubEventPlugins: StratusPlugin = {
  name: 'test-stub-events',
  apply(api) {
    for (const eventType of ['s3', 'schedule', 'sns']) {
      api.schema.defineFunctionEvent('aws', eventType, {});
      getAwsProviderHooks(api.service).compileEvents.for(eventType).tapPromise('test-stub-events', async () => undefined);
    }
  },
};
