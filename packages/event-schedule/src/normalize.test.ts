import { stratusFailure } from '@stratus/testing';
import { normalizeScheduleEvent, serializeScheduleInput } from './normalize';
import { isScheduleExpression } from './schema';

const where = { functionKey: 'cron', index: 2 };


describe('normalizeScheduleEvent', () => {
  test('short form: one expression, enabled, eventBus', () => {
    expect(normalizeScheduleEvent('rate(10 minutes)')).toEqual({ expressions: ['rate(10 minutes)'], enabled: true, method: 'eventBus' });
    expect(normalizeScheduleEvent('cron(0 12 * * ? *)')).toEqual({ expressions: ['cron(0 12 * * ? *)'], enabled: true, method: 'eventBus' });
  });

  test('long form with a scalar rate (coerced as v3 does) and with a list', () => {
    expect(normalizeScheduleEvent({ rate: 'rate(1 hour)' }).expressions).toEqual(['rate(1 hour)']);
    expect(normalizeScheduleEvent({ rate: ['rate(1 day)', 'cron(0/5 8-17 ? * MON-FRI *)'] }).expressions).toEqual(['rate(1 day)', 'cron(0/5 8-17 ? * MON-FRI *)']);
  });

  test('long form keeps every option', () => {
    const event = normalizeScheduleEvent({
      rate: ['rate(2 hours)'],
      enabled: false,
      name: 'nightly',
      description: 'Nightly run',
      input: { key: 'value' },
      inputPath: '$.detail',
      inputTransformer: { inputTemplate: '{"time": <time>}', inputPathsMap: { time: '$.time' } },
      method: 'scheduler',
      timezone: 'Europe/Paris',
    });
    expect(event).toEqual({
      expressions: ['rate(2 hours)'],
      enabled: false,
      name: 'nightly',
      description: 'Nightly run',
      input: { key: 'value' },
      inputPath: '$.detail',
      inputTransformer: { inputTemplate: '{"time": <time>}', inputPathsMap: { time: '$.time' } },
      method: 'scheduler',
      timezone: 'Europe/Paris',
    });
  });

  test('intrinsic expressions are kept as written', () => {
    const expression = { 'Fn::If': ['IsProd', 'rate(1 minute)', 'rate(1 hour)'] };
    expect(normalizeScheduleEvent({ rate: [expression] }).expressions).toEqual([expression]);
  });

  test('a wrong expression names the event and says what is accepted', () => {
    const error = stratusFailure(() => normalizeScheduleEvent('rate(5 minute)', where));
    expect(error.code).toBe('SCHEDULE_INVALID_EXPRESSION');
    expect(error.message).toBe('functions.cron.events[2].schedule: "rate(5 minute)" is not a schedule expression.');
    expect(error.hint).toMatch(/rate\(5 minutes\)/);
  });

  test('malformed definitions (when validation is off)', () => {
    expect(stratusFailure(() => normalizeScheduleEvent(5, where)).code).toBe('SCHEDULE_INVALID_DEFINITION');
    expect(stratusFailure(() => normalizeScheduleEvent({ enabled: true }, where)).message).toMatch(/"rate" is required/);
    expect(stratusFailure(() => normalizeScheduleEvent({ rate: [] }, where)).message).toMatch(/"rate" is required/);
    expect(stratusFailure(() => normalizeScheduleEvent({ rate: ['rate(1 day)'], method: 'cron' }, where)).message).toMatch(/"method" must be eventBus or scheduler/);
    expect(stratusFailure(() => normalizeScheduleEvent({ rate: [5] }, where)).message).toMatch(/each rate must be/);
    expect(stratusFailure(() => normalizeScheduleEvent({ rate: 'rate(1 day)', enabled: 'yes' }, where)).message).toMatch(/"enabled" must be true or false/);
    expect(stratusFailure(() => normalizeScheduleEvent({ rate: 'rate(1 day)', inputTransformer: {} }, where)).message).toMatch(/inputTemplate/);
  });
});

describe('expressions', () => {
  test.each(['rate(1 minute)', 'rate(1 hour)', 'rate(1 day)', 'rate(2 minutes)', 'rate(10 minutes)', 'rate(15 days)', 'rate(120 hours)', 'cron(0 12 * * ? *)', 'cron(00 9 ? * 7 *)'])('accepts %s', (value) => {
    expect(isScheduleExpression(value)).toBe(true);
  });
  test.each(['rate(5 minute)', 'rate(1 minutes)', 'rate(0 minutes)', 'rate(05 minutes)', 'rate(5 weeks)', 'rate(5minutes)', 'cron(0 12 * * ?)', 'cron(* * * * * * *)', 'every 5 minutes'])('refuses %s', (value) => {
    expect(isScheduleExpression(value)).toBe(false);
  });
});

describe('serializeScheduleInput', () => {
  test('a string is used as is, an object is serialised, a string body is parsed first', () => {
    expect(serializeScheduleInput('{"a": 1}')).toBe('{"a": 1}');
    expect(serializeScheduleInput({ name: 'daily_reminder' })).toBe('{"name":"daily_reminder"}');
    expect(serializeScheduleInput({ body: '{"a":1}', other: true })).toBe('{"body":{"a":1},"other":true}');
    expect(serializeScheduleInput({ body: { a: 1 } })).toBe('{"body":{"a":1}}');
  });
  test('a body that is not JSON is a clear error', () => {
    const error = stratusFailure(() => serializeScheduleInput({ body: 'not json' }, where));
    expect(error.code).toBe('SCHEDULE_INVALID_INPUT_BODY');
    expect(error.message).toMatch(/^functions\.cron\.events\[2\]\.schedule: input\.body is a string but not JSON/);
  });
});
