import type { InvokeOutcome, LocalFunction } from '@stratus/lambda-runtime';
import { applyInputTransformer, selectPath, startSchedules, type ScheduleRuntime, type ScheduleTimers } from './index';

function fn(key: string): LocalFunction {
  return { key, name: `svc-dev-${key}`, handler: 'h.h', runtime: 'nodejs20.x', timeoutSeconds: 6, memorySize: 128, environment: {}, codeDir: '/tmp' };
}

/** A clock and timers the test moves by hand. */
function fakeClock(start: number): { now: () => number; timers: ScheduleTimers; advance(ms: number): void; pending(): number } {
  let time = start;
  let nextId = 0;
  const queue = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => time,
    timers: {
      setTimeout(callback, ms) {
        nextId += 1;
        queue.set(nextId, { at: time + ms, callback });
        return nextId;
      },
      clearTimeout(handle) {
        queue.delete(handle as number);
      },
    },
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const due = [...queue.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        queue.delete(due[0]);
        time = due[1].at;
        due[1].callback();
      }
      time = end;
    },
    pending: () => queue.size,
  };
}

function recordingRuntime(): ScheduleRuntime & { calls: Array<{ key: string; event: unknown }> } {
  const calls: Array<{ key: string; event: unknown }> = [];
  return {
    calls,
    async invoke(f: LocalFunction, event: unknown): Promise<InvokeOutcome> {
      calls.push({ key: f.key, event });
      return { ok: true, payload: null, logs: [], durationMs: 1, requestId: 'r' };
    },
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('startSchedules', () => {
  const START = Date.parse('2026-05-04T10:00:30Z');

  it('fires rate schedules with the EventBridge scheduled event', async () => {
    const clock = fakeClock(START);
    const runtime = recordingRuntime();
    const lines: string[] = [];
    const log = { notice: (m: string) => lines.push(m), warning: (m: string) => lines.push(`W ${m}`), error: (m: string) => lines.push(`E ${m}`) };
    const schedules = startSchedules({ runtime, functions: [{ fn: fn('tick'), events: ['rate(2 minutes)'] }], log, region: 'eu-west-1', now: clock.now, timers: clock.timers });
    expect(schedules.active).toEqual([{ functionKey: 'tick', expression: 'rate(2 minutes)', nextAt: START + 120_000 }]);
    clock.advance(119_000);
    expect(runtime.calls).toHaveLength(0);
    clock.advance(1_000);
    clock.advance(120_000);
    await flush();
    expect(runtime.calls).toHaveLength(2);
    expect(runtime.calls[0]?.event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2026-05-04T10:02:30Z',
      region: 'eu-west-1',
      resources: ['arn:aws:events:eu-west-1:123456789012:rule/svc-dev-tick-schedule-1'],
      detail: {},
    });
    expect(lines).toContain('Scheduling [tick] rate(2 minutes)');
    expect(lines).toContain('Successfully invoked scheduled function: [tick]');
    await schedules.close();
    expect(clock.pending()).toBe(0);
    clock.advance(600_000);
    expect(runtime.calls).toHaveLength(2);
  });

  it('passes input (object or JSON string), skips disabled ones and fires cron on the clock', async () => {
    const clock = fakeClock(START);
    const runtime = recordingRuntime();
    const lines: string[] = [];
    const log = { notice: (m: string) => lines.push(m), warning: (m: string) => lines.push(`W ${m}`), error: (m: string) => lines.push(`E ${m}`) };
    const schedules = startSchedules({
      runtime,
      functions: [
        { fn: fn('obj'), events: [{ rate: 'cron(*/5 * * * ? *)', input: { key: 'value', body: '{"n":1}' } }] },
        { fn: fn('str'), events: [{ rate: ['rate(1 minute)'], input: '{"from":"string"}' }] },
        { fn: fn('off'), events: [{ rate: 'rate(1 minute)', enabled: false }] },
      ],
      log,
      now: clock.now,
      timers: clock.timers,
    });
    expect(schedules.active.map((s) => s.functionKey)).toEqual(['obj', 'str']);
    expect(lines).toContain('Scheduling [off] cron: disabled');
    clock.advance(5 * 60_000);
    await flush();
    const byKey = (key: string): unknown[] => runtime.calls.filter((c) => c.key === key).map((c) => c.event);
    expect(byKey('obj')).toEqual([{ key: 'value', body: { n: 1 } }]); // 10:05:00
    expect(byKey('str')).toHaveLength(5);
    expect(byKey('str')[0]).toEqual({ from: 'string' });
    await schedules.close();
  });

  it('applies simple inputPath and inputTransformer, and warns about what it cannot do', async () => {
    const clock = fakeClock(START);
    const runtime = recordingRuntime();
    const warnings: string[] = [];
    const log = { notice: () => undefined, warning: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
    const schedules = startSchedules({
      runtime,
      functions: [
        { fn: fn('path'), events: [{ rate: 'rate(1 minute)', inputPath: '$.detail-type' }, { rate: 'rate(1 minute)', inputPath: '$..x' }] },
        { fn: fn('tpl'), events: [{ rate: 'rate(1 minute)', inputTransformer: { inputPathsMap: { t: '$.time', src: '$.source' }, inputTemplate: '{"at": <t>, "msg": "from <src>"}' } }] },
        { fn: fn('bad'), events: [{ rate: 'cron(0 9 15 * MON *)' }, { rate: { 'Fn::If': ['c', 'rate(1 minute)', 'rate(2 minutes)'] } }, { nope: true }] },
        { fn: fn('badZone'), events: [{ rate: 'cron(0 9 * * ? *)', method: 'scheduler', timezone: 'Nowhere/Atlantis' }] },
      ],
      log,
      now: clock.now,
      timers: clock.timers,
    });
    clock.advance(60_000);
    await flush();
    const events = runtime.calls.map((c) => [c.key, c.event]);
    expect(events).toContainEqual(['path', 'Scheduled Event']);
    expect(events).toContainEqual(['path', expect.objectContaining({ source: 'aws.events' })]);
    expect(events).toContainEqual(['tpl', { at: '2026-05-04T10:01:30Z', msg: 'from aws.events' }]);
    expect(warnings.join('\n')).toMatch(/inputPath "\$\.\.x" is not a simple JSONPath/);
    expect(warnings.join('\n')).toMatch(/day-of-month and day-of-week must be \?/);
    expect(warnings.join('\n')).toMatch(/CloudFormation function/);
    expect(warnings.join('\n')).toMatch(/Schedule 3 of function "bad" is skipped/);
    expect(warnings.join('\n')).toMatch(/Schedule of function "badZone" is skipped: "Nowhere\/Atlantis" is not a time zone/);
    await schedules.close();
  });

  it('evaluates a scheduler cron in its timezone', async () => {
    const clock = fakeClock(START); // 12:00:30 in Paris (CEST)
    const runtime = recordingRuntime();
    const lines: string[] = [];
    const log = { notice: (m: string) => lines.push(m), warning: (m: string) => lines.push(`W ${m}`), error: (m: string) => lines.push(`E ${m}`) };
    const schedules = startSchedules({
      runtime,
      functions: [{ fn: fn('paris'), events: [{ rate: 'cron(0 9 * * ? *)', method: 'scheduler', timezone: 'Europe/Paris' }] }],
      log,
      now: clock.now,
      timers: clock.timers,
    });
    expect(lines).toContain('Scheduling [paris] cron(0 9 * * ? *) (Europe/Paris)');
    expect(schedules.active[0]?.nextAt).toBe(Date.parse('2026-05-05T07:00:00Z'));
    clock.advance(Date.parse('2026-05-05T07:00:00Z') - START);
    await flush();
    expect(runtime.calls).toHaveLength(1);
    expect(schedules.active[0]?.nextAt).toBe(Date.parse('2026-05-06T07:00:00Z'));
    expect(lines.filter((line) => line.startsWith('W '))).toEqual([]);
    await schedules.close();
  });

  it('reports a failing invocation', async () => {
    const clock = fakeClock(START);
    const errors: string[] = [];
    const runtime: ScheduleRuntime = {
      invoke: async () => ({ ok: false, error: { errorType: 'Error', errorMessage: 'nope' }, logs: [], durationMs: 1, requestId: 'r', timedOut: false }),
    };
    const schedules = startSchedules({ runtime, functions: [{ fn: fn('f'), events: ['rate(1 minute)'] }], log: { notice: () => undefined, warning: () => undefined, error: (m: string) => errors.push(m) }, now: clock.now, timers: clock.timers });
    clock.advance(60_000);
    await flush();
    expect(errors).toEqual(['Failed to execute scheduled function: [f] Error: nope']);
    await schedules.close();
  });

  it('uses real timers by default (jest fake timers)', async () => {
    jest.useFakeTimers({ now: START });
    try {
      const runtime = recordingRuntime();
      const schedules = startSchedules({ runtime, functions: [{ fn: fn('real'), events: ['rate(1 minute)'] }], log: { notice: () => undefined, warning: () => undefined, error: () => undefined } });
      await jest.advanceTimersByTimeAsync(180_000);
      expect(runtime.calls).toHaveLength(3);
      await schedules.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('selects simple JSONPaths and fills templates', () => {
    expect(selectPath({ a: { b: [1, 2] } }, '$.a.b[1]')).toEqual({ ok: true, value: 2 });
    expect(selectPath({ 'detail-type': 'x' }, "$['detail-type']")).toEqual({ ok: true, value: 'x' });
    expect(selectPath({}, '$.a[?(@.x)]')).toEqual({ ok: false });
    expect(applyInputTransformer({ d: { n: 1 } }, '{"d": <d>}', { d: '$.d' })).toEqual({ ok: true, value: { d: { n: 1 } } });
    expect(applyInputTransformer({ s: 'hi' }, '"say <s>"', { s: '$.s' })).toEqual({ ok: true, value: 'say hi' });
  });
});
