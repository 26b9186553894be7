import { validateWithCli } from '@stratus/testing';
import { CRON_PATTERN, RATE_PATTERN, scheduleEventSchema } from './schema';

/** The schema as the built CLI validates it (`configValidationMode: error`); see __fixtures__/cli-validation.ts. */
const validate = (events: unknown[]) => validateWithCli('schedule', events);
const PATTERN = `${RATE_PATTERN}|${CRON_PATTERN}`;

test('accepted forms: expressions, long form with every option, intrinsic rates', async () => {
  const result = await validate([
    'rate(5 minutes)',
    'cron(0 12 * * ? *)',
    { rate: 'rate(1 hour)' },
    { rate: ['rate(1 day)', 'cron(15 07 ? * * *)'], enabled: false, description: 'd', input: { a: 1 }, inputPath: '$.x' },
    { rate: ['rate(2 days)'], name: 'nightly-run_1.0', input: '{"raw": true}', inputTransformer: { inputTemplate: '{"t": <t>}', inputPathsMap: { t: '$.time' } } },
    { rate: [{ 'Fn::If': ['IsProd', 'rate(1 minute)', 'rate(1 hour)'] }], method: 'scheduler', timezone: 'America/New_York' },
    { rate: ['rate(3 days)'], method: 'eventBus', input: { body: '{"a":1}' } },
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const printed = JSON.parse(result.stdout) as { functions: { fn: { events: Array<{ schedule: { rate?: unknown } }> } } };
  // A scalar rate is coerced into a one-item list by validation, as in v3.
  expect(printed.functions.fn.events[2]?.schedule.rate).toEqual(['rate(1 hour)']);
}, 30_000);

test('rate(5 minute): the text a user sees', async () => {
  const result = await validate(['rate(5 minute)']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`serverless.yml:13:11  at 'functions.fn.events.0.schedule': must match pattern "${PATTERN}"`);
  expect(result.stderr).toContain('Code: CONFIG_VALIDATION_ERROR');
}, 30_000);

test('rejected long forms: a wrong rate in the list, a wrong method, a misspelt key, a cron with five fields', async () => {
  const result = await validate([{ rate: ['rate(1 minutes)'] }, { rate: ['rate(1 day)'], method: 'cron' }, { rat: 'rate(1 day)' }, 'cron(0 12 * * ?)']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`at 'functions.fn.events.0.schedule.rate.0': must match pattern "${PATTERN}"`);
  expect(result.stderr).toContain(`at 'functions.fn.events.1.schedule.method': must be equal to one of the allowed values [eventBus, scheduler]`);
  expect(result.stderr).toContain(`at 'functions.fn.events.2.schedule': must have required property 'rate'`);
  expect(result.stderr).toContain(`at 'functions.fn.events.2.schedule.rat': unrecognized property 'rat' — did you mean 'rate'?`);
  expect(result.stderr).toContain(`at 'functions.fn.events.3.schedule': must match pattern "${PATTERN}"`);
}, 30_000);

test('rejected options: a name with spaces, an empty rate list, an inputTransformer without template', async () => {
  const result = await validate([{ rate: ['rate(1 day)'], name: 'has space' }, { rate: [] }, { rate: ['rate(1 day)'], inputTransformer: { inputPathsMap: {} } }]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`at 'functions.fn.events.0.schedule.name': must match pattern`);
  expect(result.stderr).toContain(`at 'functions.fn.events.1.schedule.rate': must NOT have fewer than 1 items`);
  expect(result.stderr).toContain(`at 'functions.fn.events.2.schedule.inputTransformer': must have required property 'inputTemplate'`);
}, 30_000);
