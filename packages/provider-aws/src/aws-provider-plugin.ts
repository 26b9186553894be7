import type { StratusPlugin } from '@stratus/core';
import { AWS_COMMANDS } from './aws-commands';
import { registerPackageSteps } from './package-steps/register-package-steps';
import { AwsProvider } from './provider/aws-provider';
import { regionOf } from './provider/stage-region';
import { awsProviderSchema } from './schema';

/**
 * The AWS provider, registered for `provider.name: aws`. It owns the schema of `provider` and
 * functions, the v3 provider object, and the package (and later deploy) lifecycles; event types
 * are compiled by event packages through `getAwsProviderHooks`.
 */
export const awsProviderPlugin: StratusPlugin = {
  name: '@stratus/provider-aws',
  apply(api) {
    api.schema.defineProvider('aws', awsProviderSchema);
    api.registerProvider('aws', new AwsProvider(api.service));
    for (const [name, definition] of Object.entries(AWS_COMMANDS)) api.registerCommand(name, definition);

    api.core.configResolved.tap('@stratus/provider-aws', (context) => {
      // Defaults v3's provider adds before validation (and `print` shows).
      const provider = context.configuration.provider as Record<string, unknown> | undefined;
      if (!provider || typeof provider !== 'object') return;
      provider.region = regionOf(context);
      provider.versionFunctions ??= true;
    });

    registerPackageSteps(api);
  },
};
