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

  it('supports L and n#k, and rejects W and malformed expressions clearly', () => {
    expect(iso(parseCron('cron(0 0 L * ? *)')(at('2026-02-10T00:00:00Z')))).toBe('2026-02-28T00:00:00.000Z');
    expect(iso(parseCron('cron(0 9 ? * 2#1 *)')(at('2026-03-10T00:00:00Z')))).toBe('2026-04-06T09:00:00.000Z'); // first Monday
    expect(iso(parseCron('cron(0 9 ? * 6L *)')(at('2026-03-01T00:00:00Z')))).toBe('2026-03-27T09:00:00.000Z'); // last Friday
    expect(() => parseCron('cron(0 9 15W * ? *)')).toThrow(/W \(nearest weekday\).*not supported/);
    expect(() => parseCron('cron(0 9 * *)')).toThrow(/expected cron\(minutes hours/);
    expect(() => parseCron('cron(61 * * * ? *)')).toThrow(/out of range for the minutes field/);
    expect(() => parseScheduleExpression('every(5)', 0)).toThrow(/neither rate/);
  });
});
