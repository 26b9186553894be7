import { parseCron, parseRate, parseScheduleExpression } from './cron';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('schedule expressions', () => {
  it('parses rates in minutes, hours and days, singular or plural', () => {
    expect(parseRate('rate(1 minute)')).toBe(60_000);
    expect(parseRate('rate(5 minutes)')).toBe(300_000);
    expect(parseRate('rate(2 hours)')).toBe(7_200_000);
    expect(parseRate('rate(1 day)')).toBe(86_400_000);
    expect(() => parseRate('rate(0 minutes)')).toThrow(/positive number/);
    expect(() => parseRate('rate(5 weeks)')).toThrow(/not a rate expression/);
  });

  it('fires a rate every period from the start', () => {
    const start = at('2026-01-01T10:00:30Z');
    const next = parseScheduleExpression('rate(10 minutes)', start);
    expect(iso(next(start))).toBe('2026-01-01T10:10:30.000Z');
    expect(iso(next(at('2026-01-01T10:10:30Z')))).toBe('2026-01-01T10:20:30.000Z');
  });

  it('evaluates cron fields: lists, ranges, steps, names, ? and *', () => {
    const noon = parseCron('cron(0 12 * * ? *)');
    expect(iso(noon(at('2026-03-10T12:00:00Z')))).toBe('2026-03-11T12:00:00.000Z');
    const every15 = parseCron('cron(0/15 * * * ? *)');
    expect(iso(every15(at('2026-03-10T12:01:00Z')))).toBe('2026-03-10T12:15:00.000Z');
    const weekdays = parseCron('cron(30 8 ? * MON-FRI *)');
    expect(iso(weekdays(at('2026-03-13T09:00:00Z')))).toBe('2026-03-16T08:30:00.000Z'); // Fri → Mon
    const months = parseCron('cron(0 0 1 JAN,JUL ? *)');
    expect(iso(months(at('2026-03-10T00:00:00Z')))).toBe('2026-07-01T00:00:00.000Z');
    const numericDow = parseCron('cron(0 0 ? * 1 *)'); // 1 = Sunday in AWS
    expect(iso(numericDow(at('2026-03-10T00:00:00Z')))).toBe('2026-03-15T00:00:00.000Z');
    const years = parseCron('cron(0 0 1 1 ? 2027-2028)');
    expect(iso(years(at('2026-03-10T00:00:00Z')))).toBe('2027-01-01T00:00:00.000Z');
    expect(years(at('2028-06-01T00:00:00Z'))).toBeUndefined();
  });

  it('supports L, nW, LW, n#k, nL and L in the day fields', () => {
    const next = (expression: string, after: string): string | undefined => iso(parseCron(expression)(at(after)));
    expect(next('cron(0 0 L * ? *)', '2026-02-10T00:00:00Z')).toBe('2026-02-28T00:00:00.000Z');
    expect(next('cron(0 9 14W * ? *)', '2026-02-01T00:00:00Z')).toBe('2026-02-13T09:00:00.000Z'); // Sat 14th → Fri 13th
    expect(next('cron(0 9 15W * ? *)', '2026-02-01T00:00:00Z')).toBe('2026-02-16T09:00:00.000Z'); // Sun 15th → Mon 16th
    expect(next('cron(0 9 1W * ? *)', '2026-07-15T00:00:00Z')).toBe('2026-08-03T09:00:00.000Z'); // Sat 1 Aug → Mon 3rd, not 31 Jul
    expect(next('cron(0 9 31W * ? *)', '2026-05-15T00:00:00Z')).toBe('2026-05-29T09:00:00.000Z'); // Sun 31st → Fri 29th
    expect(next('cron(0 9 30W * ? *)', '2026-02-01T00:00:00Z')).toBe('2026-03-30T09:00:00.000Z'); // February has no 30th
    expect(next('cron(0 9 LW * ? *)', '2026-01-15T00:00:00Z')).toBe('2026-01-30T09:00:00.000Z'); // Sat 31 Jan → Fri 30th
    expect(next('cron(0 9 ? * 2#1 *)', '2026-03-10T00:00:00Z')).toBe('2026-04-06T09:00:00.000Z'); // first Monday
    expect(next('cron(0 9 ? * FRI#3 *)', '2026-03-01T00:00:00Z')).toBe('2026-03-20T09:00:00.000Z'); // third Friday
    expect(next('cron(0 9 ? * 6L *)', '2026-03-01T00:00:00Z')).toBe('2026-03-27T09:00:00.000Z'); // last Friday
    expect(next('cron(0 9 ? * 5L *)', '2026-03-01T00:00:00Z')).toBe('2026-03-26T09:00:00.000Z'); // last Thursday
    expect(next('cron(0 9 ? * L *)', '2026-03-01T00:00:00Z')).toBe('2026-03-07T09:00:00.000Z'); // L alone: Saturday
  });

  it('reads names in any case, including WED (which has a W)', () => {
    expect(iso(parseCron('cron(0 9 ? * wed *)')(at('2026-03-01T00:00:00Z')))).toBe('2026-03-04T09:00:00.000Z');
    expect(iso(parseCron('cron(0 9 ? jan-feb SUN,WED *)')(at('2026-02-27T00:00:00Z')))).toBe('2027-01-03T09:00:00.000Z');
    expect(iso(parseCron('cron(0 9 ? * WED#2 *)')(at('2026-03-01T00:00:00Z')))).toBe('2026-03-11T09:00:00.000Z');
  });

  it('rejects what EventBridge rejects, saying why', () => {
    expect(() => parseCron('cron(0 9 15 * MON *)')).toThrow(/one of day-of-month and day-of-week must be \?, and only one/);
    expect(() => parseCron('cron(0 9 ? * ? *)')).toThrow(/only one/);
    expect(() => parseCron('cron(0 ? 1 * ? *)')).toThrow(/"\?" is not a valid hours value/);
    expect(() => parseCron('cron(0 9 1-5W * ? *)')).toThrow(/not a day-of-month form/);
    expect(() => parseCron('cron(0 9 ? * 8 *)')).toThrow(/out of range for the day-of-week field/);
    expect(() => parseCron('cron(0 9 ? * 2#6 *)')).toThrow(/#<1-5>/);
    expect(() => parseCron('cron(0 9 * *)')).toThrow(/expected cron\(minutes hours/);
    expect(() => parseCron('cron(61 * * * ? *)')).toThrow(/out of range for the minutes field/);
    expect(() => parseScheduleExpression('every(5)', 0)).toThrow(/neither rate/);
  });
});

describe('schedule expressions in a time zone (EventBridge Scheduler)', () => {
  const paris = (expression: string) => parseScheduleExpression(expression, 0, 'Europe/Paris');

  it('fires at the wall-clock time of the zone, in winter and in summer', () => {
    const nine = paris('cron(0 9 * * ? *)');
    expect(iso(nine(at('2026-01-10T12:00:00Z')))).toBe('2026-01-11T08:00:00.000Z'); // CET, UTC+1
    expect(iso(nine(at('2026-07-10T12:00:00Z')))).toBe('2026-07-11T07:00:00.000Z'); // CEST, UTC+2
    const newYork = parseScheduleExpression('cron(0 12 * * ? *)', 0, 'America/New_York');
    expect(iso(newYork(at('2026-03-06T18:00:00Z')))).toBe('2026-03-07T17:00:00.000Z'); // EST, UTC-5
    expect(iso(newYork(at('2026-03-07T18:00:00Z')))).toBe('2026-03-08T16:00:00.000Z'); // EDT from 8 March
  });

  it('keeps the wall-clock time across a DST change: 09:00 is 08:00Z, then 07:00Z', () => {
    const nine = paris('cron(0 9 * * ? *)');
    expect(iso(nine(at('2026-03-27T12:00:00Z')))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(nine(at('2026-03-28T08:00:00Z')))).toBe('2026-03-29T07:00:00.000Z');
  });

  it('skips a time the clock jumps over in spring (02:30 on 29 March 2026 in Paris)', () => {
    expect(iso(paris('cron(30 2 * * ? *)')(at('2026-03-28T12:00:00Z')))).toBe('2026-03-30T00:30:00.000Z');
    const halfHourly = paris('cron(0/30 * * * ? *)');
    expect(iso(halfHourly(at('2026-03-29T00:30:00Z')))).toBe('2026-03-29T01:00:00.000Z'); // 01:30 CET → 03:00 CEST
  });

  it('fires once, the first time, for a time the clock shows twice in autumn (02:30 on 25 October 2026)', () => {
    const twoThirty = paris('cron(30 2 * * ? *)');
    expect(iso(twoThirty(at('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(iso(twoThirty(at('2026-10-25T00:30:00Z')))).toBe('2026-10-26T01:30:00.000Z'); // not 02:30 CET the same day
    const halfHourly = paris('cron(0/30 * * * ? *)');
    const fires: Array<string | undefined> = [];
    for (let after = at('2026-10-24T23:45:00Z'), i = 0; i < 4; i += 1) {
      const next = halfHourly(after) as number;
      fires.push(iso(next));
      after = next;
    }
    // 02:00 and 02:30 CEST, then 03:00 and 03:30 CET: the repeated hour does not fire again.
    expect(fires).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-25T02:30:00.000Z']);
  });

  it('evaluates day fields on the zone\'s calendar', () => {
    // 23:30 UTC on Saturday 31 January is already Sunday 1 February in Paris.
    expect(iso(paris('cron(0 0 1 * ? *)')(at('2026-01-31T12:00:00Z')))).toBe('2026-01-31T23:00:00.000Z');
    expect(iso(paris('cron(0 0 L * ? *)')(at('2026-02-15T00:00:00Z')))).toBe('2026-02-27T23:00:00.000Z');
  });

  it('keeps rates at fixed durations and rejects unknown zones', () => {
    const start = at('2026-03-28T12:00:00Z');
    expect(iso(parseScheduleExpression('rate(1 day)', start, 'Europe/Paris')(start))).toBe('2026-03-29T12:00:00.000Z');
    expect(() => parseScheduleExpression('cron(0 9 * * ? *)', 0, 'Mars/Olympus_Mons')).toThrow(/"Mars\/Olympus_Mons" is not a time zone/);
  });
});
