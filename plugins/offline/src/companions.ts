import type { PluginApi } from '@stratus/core';
import type { OfflineServer } from './offline-server';

/** Everything `stratus offline` runs next to the HTTP server. */
export interface Companions {
  close(): Promise<void>;
}

export interface CompanionContext {
  api: PluginApi;
  server: OfflineServer;
}

/**
 * THE PLACE WHERE THE OTHER EMULATORS START (owned by the modules in ./lambda-api, ./schedule,
 * ./event-sources and ./watch): the Lambda Invoke API on `server.options.lambdaPort`,
 * schedule events, SNS/S3 endpoints and the file watcher. Each gets `server.runtime` (the shared
 * LocalLambdaRuntime), `server.reload()` / `server.updateConfiguration()` for hot reload, and
 * `api.service` / `api.log`. They are not wired yet: start them here and add their `close()`.
 */
export async function startCompanions(_context: CompanionContext): Promise<Companions> {
  const started: Companions[] = [];
  return {
    async close() {
      for (const companion of started.reverse()) await companion.close();
    },
  };
}
