import { awsError, fakeApi, fakeAwsClients, type FakeHandler } from '../aws/__fixtures__/fake-aws';
import { formatLambdaLogMessage, formatLocalTime } from './log-format';
import { parseStartTime, runLogs } from './logs';

const NOW = Date.parse('2024-03-01T12:00:00Z');
const configuration = {
  service: 'svc',
  provider: { name: 'aws', stage: 'dev', region: 'eu-west-1' },
  functions: { hello: { name: 'svc-dev-hello' }, world: { name: 'custom-world' } },
};

function setup(handlers: Record<string, FakeHandler>, options: Record<string, unknown> = {}) {
  const fake = fakeAwsClients(handlers, { region: 'eu-west-1' });
  const api = fakeApi({ configuration, options });
  return { ...fake, ...api, run: (runtime = {}) => runLogs(api.api, fake.clients, options, { now: () => NOW, ...runtime }) };
}

const event = (id: string, timestamp: number, message: string) => ({ eventId: id, timestamp, message, logStreamName: 's' });

describe('logs', () => {
  it('reads every page of /aws/lambda/<name> from 10 minutes ago and prints the messages', async () => {
    const pages: Record<string, unknown> = {
      first: { events: [event('1', NOW - 5000, 'START RequestId: r1 Version: $LATEST\n'), event('2', NOW - 4000, 'plain line\n')], nextToken: 'page2' },
      page2: { events: [event('3', NOW - 3000, 'END RequestId: r1\n'), event('4', NOW - 2000, 'REPORT RequestId: r1\tDuration: 2 ms\n')] },
    };
    const { run, calls, stdout } = setup({ FilterLogEvents: (input) => pages[(input.nextToken as string) ?? 'first'] }, { function: 'hello' });
    await run();
    expect(calls.map((call) => call.input)).toEqual([
      { logGroupName: '/aws/lambda/svc-dev-hello', startTime: NOW - 600_000 },
      { logGroupName: '/aws/lambda/svc-dev-hello', startTime: NOW - 600_000, nextToken: 'page2' },
    ]);
    expect(calls[0]).toMatchObject({ service: 'logs', region: 'eu-west-1' });
    expect(stdout).toEqual(['START RequestId: r1 Version: $LATEST', 'plain line', 'END RequestId: r1', 'REPORT RequestId: r1\tDuration: 2 ms\n']);
  });

  it('passes --filter and --startTime, and uses the configured function name', async () => {
    const { run, calls } = setup({ FilterLogEvents: () => ({ events: [] }) }, { function: 'world', filter: 'ERROR', startTime: '2h' });
    await run();
    expect(calls[0]?.input).toEqual({ logGroupName: '/aws/lambda/custom-world', startTime: NOW - 2 * 3_600_000, filterPattern: 'ERROR' });
  });

  it('says the function has no logs yet when the log group does not exist', async () => {
    const { run } = setup({ FilterLogEvents: () => Promise.reject(awsError('ResourceNotFoundException', 'The specified log group does not exist.')) }, { function: 'hello' });
    await expect(run()).rejects.toMatchObject({ code: 'NO_EXISTING_LOG_STREAMS', message: expect.stringContaining('/aws/lambda/svc-dev-hello') });
  });

  it('maps other errors', async () => {
    const { run } = setup({ FilterLogEvents: () => Promise.reject(awsError('AccessDeniedException', 'no', 400)) }, { function: 'hello' });
    await expect(run()).rejects.toMatchObject({ code: 'AWS_CLOUD_WATCH_LOGS_FILTER_LOG_EVENTS_ACCESS_DENIED_EXCEPTION' });
  });

  it('lists the functions when -f names none of them', async () => {
    const { run } = setup({}, { function: 'helo' });
    await expect(run()).rejects.toMatchObject({ code: 'FUNCTION_MISSING_IN_SERVICE', message: expect.stringContaining('Did you mean "hello"?'), hint: 'The functions of this service: hello, world.' });
    await expect(setup({}, {}).run()).rejects.toMatchObject({ code: 'FUNCTION_OPTION_MISSING' });
  });

  describe('--tail', () => {
    it('polls every --interval ms from 10 seconds ago, prints each event once, and stops on abort', async () => {
      const controller = new AbortController();
      const polls: Array<Record<string, unknown>> = [];
      const answers = [
        { events: [event('a', NOW - 5000, 'one'), event('b', NOW - 4000, 'two')] },
        // a late event with the same millisecond as the last one, and the last one again
        { events: [event('b', NOW - 4000, 'two'), event('c', NOW - 4000, 'two-bis'), event('d', NOW - 1000, 'three')], nextToken: 'more' },
        { events: [event('e', NOW, 'four')] },
        { events: [] },
      ];
      const sleeps: number[] = [];
      const { run, stdout } = setup(
        {
          FilterLogEvents: (input) => {
            polls.push(input);
            return answers.shift() ?? { events: [] };
          },
        },
        { function: 'hello', tail: true, interval: '250' },
      );
      await run({
        signal: controller.signal,
        sleep: async (ms: number) => {
          sleeps.push(ms);
          if (sleeps.length === 3) controller.abort();
        },
      });
      expect(stdout).toEqual(['one', 'two', 'two-bis', 'three', 'four']);
      expect(sleeps).toEqual([250, 250, 250]);
      expect(polls.map((poll) => [poll.startTime, poll.nextToken])).toEqual([
        [NOW - 10_000, undefined],
        [NOW - 4000, undefined],
        [NOW - 4000, 'more'],
        [NOW, undefined],
      ]);
    });

    it('waits for a log group that does not exist yet', async () => {
      const controller = new AbortController();
      let poll = 0;
      const { run, stdout } = setup(
        {
          FilterLogEvents: () => {
            poll += 1;
            if (poll === 1) throw awsError('ResourceNotFoundException', 'The specified log group does not exist.');
            return { events: [event('x', NOW, 'first log')] };
          },
        },
        { function: 'hello', tail: true },
      );
      const sleeps: number[] = [];
      await run({
        signal: controller.signal,
        sleep: async (ms: number) => {
          sleeps.push(ms);
          if (sleeps.length === 2) controller.abort();
        },
      });
      expect(stdout).toEqual(['first log']);
      expect(sleeps).toEqual([1000, 1000]);
    });

    it('stops on SIGINT when no signal is given, with a real timer', async () => {
      const { run, calls } = setup({ FilterLogEvents: () => ({ events: [] }) }, { function: 'hello', tail: true, interval: 5 });
      const listenersBefore = process.listenerCount('SIGINT');
      const running = run({});
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(process.listenerCount('SIGINT')).toBe(listenersBefore + 1);
      process.emit('SIGINT');
      await running;
      expect(calls.length).toBeGreaterThan(1);
      expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
    });

    it('refuses a bad interval', async () => {
      await expect(setup({}, { function: 'hello', tail: true, interval: 'soon' }).run()).rejects.toMatchObject({ code: 'LOGS_INVALID_INTERVAL' });
    });
  });
});

describe('parseStartTime', () => {
  it('reads durations before now', () => {
    expect(parseStartTime('30m', NOW)).toBe(NOW - 30 * 60_000);
    expect(parseStartTime('2h', NOW)).toBe(NOW - 2 * 3_600_000);
    expect(parseStartTime('1d', NOW)).toBe(NOW - 86_400_000);
    expect(parseStartTime('45s', NOW)).toBe(NOW - 45_000);
  });

  it('reads dates, UTC unless they name a zone, and epoch milliseconds', () => {
    expect(parseStartTime('2024-02-01', NOW)).toBe(Date.parse('2024-02-01T00:00:00Z'));
    expect(parseStartTime('2024-02-01T10:30', NOW)).toBe(Date.parse('2024-02-01T10:30:00Z'));
    expect(parseStartTime('2024-02-01 10:30:15', NOW)).toBe(Date.parse('2024-02-01T10:30:15Z'));
    expect(parseStartTime('2024-02-01T10:30:00+02:00', NOW)).toBe(Date.parse('2024-02-01T08:30:00Z'));
    expect(parseStartTime('1706745600000', NOW)).toBe(1706745600000);
  });

  it('defaults to 10 minutes ago, 10 seconds with --tail', () => {
    expect(parseStartTime(undefined, NOW)).toBe(NOW - 600_000);
    expect(parseStartTime(undefined, NOW, true)).toBe(NOW - 10_000);
  });

  it('refuses anything else', () => {
    expect(() => parseStartTime('yesterday-ish', NOW)).toThrow(expect.objectContaining({ code: 'LOGS_INVALID_START_TIME' }));
  });
});

describe('formatLambdaLogMessage', () => {
  it('keeps START/END, adds a blank line after REPORT, passes other text through', () => {
    expect(formatLambdaLogMessage('START RequestId: r Version: $LATEST\n')).toBe('START RequestId: r Version: $LATEST');
    expect(formatLambdaLogMessage('END RequestId: r\n')).toBe('END RequestId: r');
    expect(formatLambdaLogMessage('REPORT RequestId: r\tDuration: 1 ms\t\n')).toBe('REPORT RequestId: r\tDuration: 1 ms\t\n');
    expect(formatLambdaLogMessage('hello\n')).toBe('hello');
    expect(formatLambdaLogMessage('a\tb\tc')).toBe('a\tb\tc');
  });

  it('shows the runtime timestamp in local time with its offset', () => {
    const line = formatLambdaLogMessage('2024-03-01T12:00:00.123Z\tabc-123\tINFO\thello world\n');
    expect(line).toBe(`${formatLocalTime(new Date('2024-03-01T12:00:00.123Z'))}\tabc-123\tINFO\thello world`);
    expect(line).toMatch(/^2024-03-01 \d{2}:\d{2}:00\.123 \([+-]\d{2}:\d{2}\)\tabc-123\tINFO\thello world$/);
  });
});
