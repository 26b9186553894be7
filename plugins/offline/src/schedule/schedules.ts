import { randomUUID } from 'node:crypto';
import type { Logger } from '@stratus/core';
import { normalizeScheduleEvent, serializeScheduleInput, type ScheduleEvent } from '@stratus/event-schedule';
import type { InvokeOptions, InvokeOutcome, LocalFunction } from '@stratus/lambda-runtime';
import { selectPath } from '../json-path';
import { parseScheduleExpression, type NextFire } from './cron';

export { selectPath } from '../json-path';

export interface ScheduleRuntime {
  invoke(fn: LocalFunction, event: unknown, options?: InvokeOptions): Promise<InvokeOutcome>;
}

/** setTimeout/clearTimeout, injectable for tests. */
export interface ScheduleTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulesOptions {
  runtime: ScheduleRuntime;
  /** Each function with its raw `schedule` event definitions (as written under `events: - schedule: …`). */
  functions: Array<{ fn: LocalFunction; events: unknown[] }>;
  log: Pick<Logger, 'notice' | 'warning' | 'error'>;
  /** `provider.region`, for the scheduled event (default us-east-1). */
  region?: string;
  /** The account id in the scheduled event and rule ARN (default 123456789012). */
  accountId?: string;
  noTimeout?: boolean;
  /** Clock (ms since epoch); Date.now by default. */
  now?: () => number;
  timers?: ScheduleTimers;
}

export interface ActiveSchedule {
  functionKey: string;
  expression: string;
  /** When it fires next (ms since epoch); undefined when never again. */
  nextAt: number | undefined;
}

export interface Schedules {
  /** The schedules running (disabled and unsupported ones are left out, with a log line). */
  readonly active: ActiveSchedule[];
  close(): Promise<void>;
}

/** Node timers cap delays at 2^31-1 ms; longer waits are made of several. */
const MAX_DELAY = 2_147_483_647;

/** EventBridge's `time`: seconds precision, `Z`. */
const eventTime = (at: number): string => `${new Date(at).toISOString().slice(0, 19)}Z`;

/**
 * EventBridge's input transformer: `<name>` placeholders of `inputTemplate` replaced by the
 * `inputPathsMap` values — as text inside a JSON string, as JSON outside one. JSON output is parsed.
 */
export function applyInputTransformer(event: unknown, template: string, pathsMap: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; reason: string } {
  const values: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(pathsMap)) {
    if (typeof path !== 'string') return { ok: false, reason: `inputPathsMap.${name} is not a string` };
    const selected = selectPath(event, path);
    if (!selected.ok) return { ok: false, reason: `inputPathsMap.${name} (${path}) is not a simple JSONPath` };
    values[name] = selected.value;
  }
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i] as string;
    if (char === '"' && template[i - 1] !== '\\') inString = !inString;
    const placeholder = char === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (placeholder && Object.prototype.hasOwnProperty.call(values, placeholder[1] as string)) {
      const value = values[placeholder[1] as string];
      if (inString) output += typeof value === 'string' ? value : JSON.stringify(value ?? null);
      else output += JSON.stringify(value ?? null);
      i += placeholder[0].length - 1;
    } else output += char;
  }
  try {
    return { ok: true, value: JSON.parse(output) };
  } catch {
    return { ok: true, value: output };
  }
}

/**
 * Fires every enabled `schedule` event of the given functions on its `rate(…)`/`cron(…)` (in UTC,
 * or in its `timezone`),
 * with its `input`, or the EventBridge scheduled event (through `inputPath`/`inputTransformer`).
 */
export function startSchedules(options: SchedulesOptions): Schedules {
  const { runtime, log } = options;
  const now = options.now ?? Date.now;
  const timers: ScheduleTimers = options.timers ?? { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const handles = new Set<unknown>();
  const active: ActiveSchedule[] = [];
  let closed = false;

  const eventFor = (fn: LocalFunction, schedule: ScheduleEvent, ruleName: string, at: number): unknown => {
    if (schedule.input !== undefined) {
      const text = serializeScheduleInput(schedule.input);
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    const scheduled = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: accountId,
      time: eventTime(at),
      region,
      resources: [`arn:aws:events:${region}:${accountId}:rule/${ruleName}`],
      detail: {},
    };
    if (schedule.inputPath !== undefined) {
      const selected = selectPath(scheduled, schedule.inputPath);
      if (selected.ok) return selected.value;
      log.warning(`Schedule of function "${fn.key}": inputPath "${schedule.inputPath}" is not a simple JSONPath; the whole scheduled event is passed.`);
    }
    if (schedule.inputTransformer !== undefined) {
      const transformed = applyInputTransformer(scheduled, schedule.inputTransformer.inputTemplate, schedule.inputTransformer.inputPathsMap ?? {});
      if (transformed.ok) return transformed.value;
      log.warning(`Schedule of function "${fn.key}": ${transformed.reason}; the whole scheduled event is passed.`);
    }
    return scheduled;
  };

  const fire = (fn: LocalFunction, schedule: ScheduleEvent, ruleName: string, at: number): void => {
    const invokeOptions: InvokeOptions = options.noTimeout ? { noTimeout: true } : {};
    let event: unknown;
    try {
      event = eventFor(fn, schedule, ruleName, at);
    } catch (error) {
      log.error(`Failed to execute scheduled function: [${fn.key}] ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    runtime
      .invoke(fn, event, invokeOptions)
      .then((outcome) => {
        if (outcome.ok) log.notice(`Successfully invoked scheduled function: [${fn.key}]`);
        else log.error(`Failed to execute scheduled function: [${fn.key}] ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      })
      .catch((error: unknown) => log.error(`Failed to execute scheduled function: [${fn.key}] ${error instanceof Error ? error.message : String(error)}`));
  };

  const arm = (entry: ActiveSchedule, next: NextFire, onFire: (at: number) => void): void => {
    if (closed || entry.nextAt === undefined) return;
    const target = entry.nextAt;
    const wait = (): void => {
      const delay = target - now();
      const handle = timers.setTimeout(() => {
        handles.delete(handle);
        if (closed) return;
        if (now() < target) {
          wait();
          return;
        }
        onFire(target);
        entry.nextAt = next(Math.max(target, now()));
        arm(entry, next, onFire);
      }, Math.min(Math.max(delay, 0), MAX_DELAY));
      handles.add(handle);
    };
    wait();
  };

  const startedAt = now();
  for (const { fn, events } of options.functions) {
    events.forEach((definition, index) => {
      let schedule: ScheduleEvent;
      try {
        schedule = normalizeScheduleEvent(definition, { functionKey: fn.key, index });
      } catch (error) {
        log.warning(`Schedule ${index + 1} of function "${fn.key}" is skipped: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (!schedule.enabled) {
        log.notice(`Scheduling [${fn.key}] cron: disabled`);
        return;
      }
      const ruleName = schedule.name ?? `${fn.name}-schedule-${index + 1}`;
      for (const expression of schedule.expressions) {
        if (typeof expression !== 'string') {
          log.warning(`Schedule of function "${fn.key}": the expression ${JSON.stringify(expression)} is a CloudFormation function and cannot be evaluated offline; skipped.`);
          continue;
        }
        let next: NextFire;
        try {
          next = parseScheduleExpression(expression, startedAt, schedule.timezone);
        } catch (error) {
          log.warning(`Schedule of function "${fn.key}" is skipped: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const entry: ActiveSchedule = { functionKey: fn.key, expression, nextAt: next(startedAt) };
        active.push(entry);
        log.notice(`Scheduling [${fn.key}] ${expression}${schedule.timezone === undefined ? '' : ` (${schedule.timezone})`}`);
        arm(entry, next, (at) => fire(fn, schedule, ruleName, at));
      }
    });
  }

  return {
    active,
    async close() {
      closed = true;
      for (const handle of handles) timers.clearTimeout(handle);
      handles.clear();
    },
  };
}
