import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { StratusError, type PluginApi } from '@stratus/core';
import type { AwsClients } from '../aws/aws-clients';
import { isNotFound, toStratusError } from '../aws/aws-errors';
import { cloudWatchLogsSdk } from '../aws/sdk';
import { naming } from '../naming/naming';
import { deployedFunction } from './deployed-function';
import { formatLambdaLogMessage } from './log-format';

/** The options of `logs` (v3's names). */
export interface LogsOptions {
  function?: unknown;
  tail?: unknown;
  startTime?: unknown;
  filter?: unknown;
  interval?: unknown;
}

/** What `runLogs` needs from the world; tests replace it. */
export interface LogsRuntime {
  now?: () => number;
  /** Waits between polls with `--tail`; resolves early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Stops `--tail`; without one, SIGINT does. */
  signal?: AbortSignal;
}

const DEFAULT_INTERVAL_MS = 1000;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `logs -f <fn>`: the function's CloudWatch log events (`/aws/lambda/<name>`) from `--startTime`
 * (default: the last 10 minutes, or the last 10 seconds with `--tail`), matching `--filter`, one
 * message per line on stdout. With `--tail`, polls every `--interval` ms (default 1000) until SIGINT.
 */
export async function runLogs(api: PluginApi, clients: AwsClients, options: LogsOptions, runtime: LogsRuntime = {}): Promise<void> {
  const fn = deployedFunction(api.service, options.function);
  const now = runtime.now ?? Date.now;
  const tail = options.tail === true || options.tail === 'true';
  const logGroupName = naming.getLogGroupName(fn.name);
  const filterPattern = typeof options.filter === 'string' && options.filter !== '' ? options.filter : undefined;
  const startTime = parseStartTime(options.startTime, now(), tail);

  if (!tail) {
    let events: FilteredLogEvent[];
    try {
      events = await fetchEvents(clients, { logGroupName, startTime, filterPattern });
    } catch (error) {
      throw isNotFound(error) ? noLogsError(fn.key, logGroupName) : error;
    }
    for (const event of events) api.log.writeText(formatLambdaLogMessage(event.message ?? ''));
    return;
  }

  const interval = parseInterval(options.interval);
  const sleep = runtime.sleep ?? abortableSleep;
  const ownController = runtime.signal ? undefined : new AbortController();
  const signal = runtime.signal ?? ownController!.signal;
  const onSigint = (): void => ownController?.abort();
  if (ownController) process.once('SIGINT', onSigint);
  try {
    let since = startTime;
    // Events already printed at the newest timestamp: the next poll starts at that timestamp, so a
    // late event with the same millisecond is not lost, and these are not printed twice.
    let printedAtSince = new Set<string>();
    let waitingLogged = false;
    while (!signal.aborted) {
      let events: FilteredLogEvent[];
      try {
        events = await fetchEvents(clients, { logGroupName, startTime: since, filterPattern });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        if (!waitingLogged) api.log.verbose(`Waiting for log group ${logGroupName} (the function has not written logs yet).`);
        waitingLogged = true;
        events = [];
      }
      for (const event of events) {
        const id = event.eventId ?? `${event.timestamp}:${event.logStreamName}:${event.message}`;
        if (printedAtSince.has(id)) continue;
        api.log.writeText(formatLambdaLogMessage(event.message ?? ''));
        const timestamp = event.timestamp ?? since;
        if (timestamp > since) {
          since = timestamp;
          printedAtSince = new Set();
        }
        if (timestamp === since) printedAtSince.add(id);
      }
      if (signal.aborted) break;
      await sleep(interval, signal);
    }
  } finally {
    if (ownController) process.off('SIGINT', onSigint);
  }
}

interface FetchInput {
  logGroupName: string;
  startTime: number;
  filterPattern: string | undefined;
}

/** Every event from `startTime`, following `nextToken` through all pages. */
async function fetchEvents(clients: AwsClients, input: FetchInput): Promise<FilteredLogEvent[]> {
  const { FilterLogEventsCommand } = cloudWatchLogsSdk();
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    try {
      const page = await clients.logs().send(
        new FilterLogEventsCommand({
          logGroupName: input.logGroupName,
          startTime: input.startTime,
          ...(input.filterPattern ? { filterPattern: input.filterPattern } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } catch (error) {
      throw toStratusError(error, 'CloudWatchLogs', 'filterLogEvents');
    }
  } while (nextToken);
  return events.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
}

/**
 * `--startTime`: `30m`, `2h`, `1d`, `45s` before now; otherwise a date (`2024-03-01`,
 * `2024-03-01T10:00`, taken as UTC when it names no zone, as v3) or epoch milliseconds. Absent:
 * 10 minutes ago, or 10 seconds ago with `--tail`.
 */
export function parseStartTime(value: unknown, now: number, tail = false): number {
  if (value === undefined || value === null || value === '' || value === true) return now - (tail ? 10_000 : 600_000);
  const text = String(value).trim();
  const relative = /^(\d+)\s*([smhd])$/.exec(text);
  if (relative) return now - Number(relative[1]) * (UNIT_MS[relative[2] ?? 'm'] ?? 60_000);
  if (/^\d{10,}$/.test(text)) return Number(text);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const isoWithTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text);
  const time = Date.parse(isoWithTime && !hasZone ? `${text.replace(' ', 'T')}Z` : text);
  if (Number.isNaN(time)) {
    throw new StratusError('LOGS_INVALID_START_TIME', `Invalid --startTime "${text}".`, {
      hint: 'Use a duration before now (30m, 2h, 1d) or a date (2024-03-01 or 2024-03-01T10:00:00Z).',
    });
  }
  return time;
}

function parseInterval(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_INTERVAL_MS;
  const interval = Number(value);
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new StratusError('LOGS_INVALID_INTERVAL', `Invalid --interval "${String(value)}".`, { hint: 'Give the polling interval in milliseconds, e.g. --interval 2000.' });
  }
  return interval;
}

function noLogsError(functionKey: string, logGroupName: string): StratusError {
  return new StratusError('NO_EXISTING_LOG_STREAMS', `No logs for function "${functionKey}" yet: the log group ${logGroupName} does not exist.`, {
    hint: 'Deploy the service and invoke the function ("stratus invoke -f <name>"), or follow the logs with --tail.',
  });
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
