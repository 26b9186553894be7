import type { PluginApi } from '@stratus/core';
import type { AwsClients } from '../aws/aws-clients';
import { runInvoke } from './invoke';
import { runLogs } from './logs';

/** Taps `logs:logs` and `invoke:invoke` (the commands themselves are declared by the core). */
export function registerLogsAndInvoke(api: PluginApi, clients: AwsClients): void {
  api.hook('logs:logs', () => runLogs(api, clients, api.service.options));
  api.hook('invoke:invoke', async () => {
    await runInvoke(api, clients, api.service.options);
  });
}
