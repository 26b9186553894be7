import type { PluginApi, StratusPlugin } from '@stratus/core';
import { startCompanions, type Companions } from './companions';
import { startOffline, type OfflineServer } from './offline-server';
import { OPTION_DEFINITIONS } from './options';

export const PLUGIN_NAME = '@stratus/plugin-offline';

/** Resolves on the first SIGINT or SIGTERM (the handlers are removed afterwards). */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * `stratus offline` (lifecycle `start`), `stratus offline start` (`init`, `ready`, `end`) and the
 * entry point `offline:functionsUpdated` (`cleanup`), as serverless-offline declares them.
 */
export const offlinePlugin: StratusPlugin = {
  name: PLUGIN_NAME,
  apply(api: PluginApi) {
    const options = { ...OPTION_DEFINITIONS } as Record<string, { usage: string; shortcut?: string; type: 'string' | 'boolean' }>;
    api.registerCommand('offline', {
      usage: 'Simulate API Gateway and Lambda locally',
      lifecycleEvents: ['start'],
      options,
      commands: {
        start: { usage: 'Simulate API Gateway and Lambda locally (lifecycle: init, ready, end)', lifecycleEvents: ['init', 'ready', 'end'], options },
        functionsUpdated: { type: 'entrypoint', lifecycleEvents: ['cleanup'] },
      },
    });

    let server: OfflineServer | undefined;
    let companions: Companions | undefined;
    const start = async (): Promise<void> => {
      // Options are read now, so hooks that run before this one may still change `custom`.
      server = await startOffline({
        configuration: api.service.configuration,
        options: api.service.options,
        serviceDir: api.service.serviceDir ?? process.cwd(),
        log: api.log,
      });
      // Lambda Invoke API, schedules, SNS/S3 and the watcher start in ./companions.ts.
      companions = await startCompanions({ api, server });
    };
    const ready = async (): Promise<void> => {
      if (!server) return;
      await waitForSignal();
      api.log.notice('Stopping Offline…');
    };
    const end = async (): Promise<void> => {
      const [runningCompanions, running] = [companions, server];
      companions = undefined;
      server = undefined;
      await runningCompanions?.close();
      await running?.close();
    };

    api.hook('offline:start', async () => {
      await start();
      try {
        await ready();
      } finally {
        await end();
      }
    });
    api.hook('offline:start:init', start);
    api.hook('offline:start:ready', ready);
    api.hook('offline:start:end', end);
    api.hook('offline:functionsUpdated:cleanup', async () => {
      await server?.reload();
    });
  },
};

