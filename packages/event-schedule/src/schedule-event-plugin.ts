import type { StratusPlugin } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import { compileScheduleEvents } from './aws/compile-schedule-events';
import { scheduleEventSchema } from './schema';

export const PLUGIN_NAME = '@stratus/event-schedule';

/**
 * The `schedule` event: registers its schema for `provider.name: aws` and compiles the events
 * through the AWS provider's `compileEvents` extension point. Registration only; work happens in the tap.
 */
export const scheduleEventPlugin: StratusPlugin = {
  name: PLUGIN_NAME,
  apply(api) {
    api.schema.defineFunctionEvent('aws', 'schedule', scheduleEventSchema);
    getAwsProviderHooks(api.service)
      .compileEvents.for('schedule')
      .tapPromise(PLUGIN_NAME, async (context) => compileScheduleEvents(context));
  },
};
