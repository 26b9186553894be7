import type { StratusPlugin } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import { compileS3Events } from './aws/compile-s3-events';
import { writeCustomResourcesZip } from './aws/custom-resources-zip';
import { s3EventSchema } from './schema';

export const PLUGIN_NAME = '@stratus/event-s3';
/** The service's output directory, relative to the service (where the provider writes artifacts). */

/**
 * The `s3` event: registers its schema for `provider.name: aws` and compiles the events through
 * the AWS provider's `compileEvents` extension point. When an event uses an existing bucket, the
 * same tap writes `custom-resources.zip` (the handler's code) into `<serviceDir>/.serverless`,
 * beside the function zips, for the deploy step to upload under the artifact directory.
 */
export const s3EventPlugin: StratusPlugin = {
  name: PLUGIN_NAME,
  apply(api) {
    api.schema.defineFunctionEvent('aws', 's3', s3EventSchema);
    getAwsProviderHooks(api.service)
      .compileEvents.for('s3')
      .tapPromise(PLUGIN_NAME, async (context) => {
        const { usesCustomResource } = compileS3Events(context);
        if (usesCustomResource) await writeCustomResourcesZip(context.outputDir);
      });
  },
};
