import type { PluginApi, StratusPlugin } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import { compileHttpEvents } from './aws/compile-http-events';
import { PLUGIN_NAME } from './plugin-name';
import { httpEndpoints } from './service-endpoints';
import { createHttpEventSchema } from './schema';

/**
 * The `http` event: registers its schema for provider `aws` and compiles the events into an API
 * Gateway REST API through the AWS provider's `compileEvents` extension point.
 */
export const httpEventPlugin: StratusPlugin = {
  name: PLUGIN_NAME,
  apply(api: PluginApi) {
    api.schema.defineFunctionEvent('aws', 'http', createHttpEventSchema());
    const hooks = getAwsProviderHooks(api.service);
    hooks.compileEvents.for('http').tapPromise(PLUGIN_NAME, async (context) => compileHttpEvents(context));
    hooks.serviceInfo.tap(PLUGIN_NAME, (info) => {
      info.endpoints.push(...httpEndpoints(info));
    });
  },
};
