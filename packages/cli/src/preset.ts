import { createRequire } from 'node:module';
import { coreCommandsPlugin, printPlugin, type CliPreset } from '@stratus/core';

const cliRequire = createRequire(__filename);
const { version } = cliRequire('../package.json') as { version: string };

/**
 * The composition root: which built-in plugins load, in which order, and which package
 * implements each provider. Event packages and bundled plugins are added here as they land.
 */
export const preset: CliPreset = {
  version,
  builtinPlugins: [coreCommandsPlugin, printPlugin],
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
