import type { StratusPlugin } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import { compileSnsEvents } from './aws/compile-sns-events';
import { snsEventSchema } from './schema';

export const PLUGIN_NAME = '@stratus/event-sns';

/**
 * The `sns` event: registers its schema for `provider.name: aws` and compiles the events through
 * the AWS provider's `compileEvents` extension point. Registration only; work happens in the tap.
 */
export const snsEventPlugin: StratusPlugin = {
  name: PLUGIN_NAME,
  apply(api) {
    api.schema.defineFunctionEvent('aws', 'sns', snsEventSchema);
    getAwsProviderHooks(api.service)
      .compileEvents.for('sns')
      .tapPromise(PLUGIN_NAME, async (context) => compileSnsEvents(context));
  },
};
