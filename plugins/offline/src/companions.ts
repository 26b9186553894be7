import type { PluginApi } from '@stratus/core';
import type { LocalFunction } from '@stratus/lambda-runtime';
import { startEventSources } from './event-sources';
import { startLambdaInvokeApi } from './lambda-api';
import { regionOf } from './local-functions';
import type { OfflineServer } from './offline-server';
import { startSchedules } from './schedule';
import { watchService } from './watch';

/** Everything `stratus offline` runs next to the HTTP server. */
export interface Companions {
  close(): Promise<void>;
}

export interface CompanionContext {
  api: PluginApi;
  server: OfflineServer;
}

type RawEvent = Record<string, unknown>;

/** Each function with the raw definitions of one event type (the modules normalise them). */
function subscriptions(api: PluginApi, functions: ReadonlyMap<string, LocalFunction>, eventType: string): Array<{ fn: LocalFunction; definition: unknown }> {
  const configured = (api.service.configuration.functions ?? {}) as Record<string, { events?: RawEvent[] }>;
  return [...functions.values()].flatMap((fn) =>
    (configured[fn.key]?.events ?? []).filter((event) => event && typeof event === 'object' && eventType in event).map((event) => ({ fn, definition: event[eventType] })),
  );
}

/**
 * The emulators beside the HTTP server, all on the one shared runtime: the Lambda Invoke API,
 * schedules, the SNS/S3 endpoint, and the watcher that reloads edited handlers.
 */
export async function startCompanions({ api, server }: CompanionContext): Promise<Companions> {
  const started: Companions[] = [];
  const close = async (): Promise<void> => {
    for (const companion of started.reverse()) await companion.close();
  };
  try {
    const { options, runtime } = server;
    const log = api.log;
    // Configuration changes apply one after the other, never interleaved.
    let reloads = Promise.resolve();

    const lambdaApi = await startLambdaInvokeApi({
      host: options.host,
      port: options.lambdaPort,
      runtime,
      resolveFunction: (nameOrKey) => [...server.functions().values()].find((fn) => fn.name === nameOrKey || fn.key === nameOrKey),
      log,
      noTimeout: options.noTimeout,
    });
    started.push(lambdaApi);
    log.notice(`Offline [http for lambda] listening on ${lambdaApi.url}`);

    // Schedules and the SNS/S3 endpoint follow the configuration: restarted when it is reloaded.
    let eventBound = await startEventBoundCompanions(api, server);
    started.push({
      close: async () => {
        await reloads;
        await eventBound.close();
      },
    });

    if (api.service.serviceDir) {
      const watcher = watchService({
        serviceDir: api.service.serviceDir,
        ignore: ['node_modules', '.serverless', '.git', '__pycache__'],
        onHandlersChanged: (files) => {
          log.notice(`Reloading handlers (${files.length} file(s) changed)`);
          void server.reload();
        },
        onConfigChanged: () => {
          reloads = reloads.then(async () => {
            const file = api.service.configFile ?? 'serverless.yml';
            try {
              await api.reloadConfiguration();
            } catch (error) {
              // The server keeps serving the last good configuration.
              log.warning(`${file} changed, and the routes were kept as they were: ${error instanceof Error ? error.message : String(error)}`);
              return;
            }
            await eventBound.close();
            await server.updateConfiguration(api.service.configuration);
            eventBound = await startEventBoundCompanions(api, server);
            log.notice([`${file} changed: routes rebuilt.`, ...server.routeTable.map((line) => `   ${line}`)].join('\n'));
          });
        },
        onError: (error) => log.warning(error.message),
      });
      started.push(watcher);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}

/** Schedules and the SNS/S3 endpoint, built from the current configuration. */
async function startEventBoundCompanions(api: PluginApi, server: OfflineServer): Promise<Companions> {
  const started: Companions[] = [];
  const close = async (): Promise<void> => {
    for (const companion of started.reverse()) await companion.close();
  };
  try {
    const { options, runtime } = server;
    const functions = server.functions();
    const region = regionOf(api.service.configuration, api.service.options);
    const log = api.log;
    const schedules = startSchedules({
      runtime,
      log,
      region,
      noTimeout: options.noTimeout,
      functions: [...functions.values()].map((fn) => ({ fn, events: subscriptions(api, functions, 'schedule').filter((item) => item.fn === fn).map((item) => item.definition) })).filter((item) => item.events.length > 0),
    });
    started.push(schedules);

    const sns = subscriptions(api, functions, 'sns');
    const s3 = subscriptions(api, functions, 's3');
    if (sns.length > 0 || s3.length > 0) {
      const provider = (api.service.configuration.provider ?? {}) as { s3?: Record<string, { name?: string }> };
      const sources = await startEventSources({
        host: options.host,
        port: options.eventSourcesPort,
        runtime,
        region,
        log,
        snsSubscriptions: sns,
        s3Subscriptions: s3,
        bucketNames: Object.fromEntries(Object.entries(provider.s3 ?? {}).map(([key, bucket]) => [key, bucket.name ?? key])),
        noTimeout: options.noTimeout,
      });
      started.push(sources);
      for (const line of sources.lines) log.notice(line);
    }

  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}
