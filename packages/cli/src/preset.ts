import { createRequire } from 'node:module';
import { coreCommandsPlugin, printPlugin, type CliPreset } from '@stratus/core';
import { httpEventPlugin } from '@stratus/event-http';
import { s3EventPlugin } from '@stratus/event-s3';
import { scheduleEventPlugin } from '@stratus/event-schedule';
import { snsEventPlugin } from '@stratus/event-sns';

const cliRequire = createRequire(__filename);
const { version } = cliRequire('../package.json') as { version: string };

/**
 * The composition root: which built-in plugins load, in which order, and which package
 * implements each provider.
 */
export const preset: CliPreset = {
  version,
  // Event packages in v3's compile order (schedule, s3, http, sns), which is the order of the template.
  builtinPlugins: [coreCommandsPlugin, printPlugin, scheduleEventPlugin, s3EventPlugin, httpEventPlugin, snsEventPlugin],
  providerPackages: { aws: '@stratus/provider-aws' },
  // Bundled into the CLI, required only when a service uses it.
  bundledProviders: { aws: () => require('@stratus/provider-aws') as unknown },
  resolveFromCli: (specifier) => {
    try {
      return cliRequire.resolve(specifier);
    } catch {
      return undefined;
    }
  },
};
