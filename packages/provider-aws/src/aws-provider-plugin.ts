import type { StratusPlugin } from '@stratus/core';
import { AWS_COMMANDS } from './aws-commands';
import { getAwsClients } from './aws/aws-clients';
import { registerLogsAndInvoke } from './commands/register-logs-and-invoke';
import { registerInvokeLocal } from './invoke-local';
import { createAwsVariableSources } from './variables/aws-variable-sources';
import { registerDeployFunction } from './deploy/deploy-function';
import { registerDeploySteps } from './deploy/register-deploy-steps';
import { registerStackCommands } from './deploy/register-stack-commands';
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
    api.registerProvider('aws', new AwsProvider(api.service, { serverless: () => api.serverless, callingPlugin: () => api.callingPlugin() }));
    for (const [name, definition] of Object.entries(AWS_COMMANDS)) api.registerCommand(name, definition);

    api.core.configResolved.tap('@stratus/provider-aws', (context) => {
      // Defaults v3's provider adds before validation (and `print` shows).
      const provider = context.configuration.provider as Record<string, unknown> | undefined;
      if (!provider || typeof provider !== 'object') return;
      provider.region = regionOf(context);
      provider.versionFunctions ??= true;
    });

    for (const [name, source] of createAwsVariableSources(getAwsClients(api.service), api.service)) api.registerVariableSource(name, source);
    registerPackageSteps(api);
    registerDeploySteps(api);
    registerStackCommands(api);
    registerDeployFunction(api);
    registerLogsAndInvoke(api, getAwsClients(api.service));
    registerInvokeLocal(api);
    api.registerCommand('deploy', { options: { plan: { usage: 'Show what would change (a CloudFormation change set), change nothing', type: 'boolean' } } });
  },
};
