import type { CommandDefinition } from '@stratus/core';

/**
 * v3's internal `aws:*` entry points. Plugins hook their events
 * (`aws:package:finalize:saveServiceState`, `after:aws:deploy:finalize:cleanup`…), so they keep
 * v3's names and order even where Stratus does the work differently.
 */
export const AWS_COMMANDS: Record<string, CommandDefinition> = {
  aws: {
    type: 'entrypoint',
    commands: {
      common: {
        commands: {
          validate: { lifecycleEvents: ['validate'] },
          cleanupTempDir: { lifecycleEvents: ['cleanup'] },
          moveArtifactsToPackage: { lifecycleEvents: ['move'] },
          moveArtifactsToTemp: { lifecycleEvents: ['move'] },
        },
      },
      package: {
        commands: {
          finalize: { lifecycleEvents: ['addExportNameForOutputs', 'mergeCustomProviderResources', 'stripNullPropsFromTemplateResources', 'saveServiceState'] },
        },
      },
      deploy: {
        commands: {
          deploy: { lifecycleEvents: ['createStack', 'checkForChanges', 'uploadArtifacts', 'validateTemplate', 'updateStack'] },
          finalize: { lifecycleEvents: ['cleanup'] },
        },
      },
      info: {
        lifecycleEvents: ['validate', 'gatherData', 'displayServiceInfo', 'displayApiKeys', 'displayEndpoints', 'displayFunctions', 'displayLayers', 'displayStackOutputs'],
      },
    },
  },
};
