/**
 * AWS schedule expressions: `rate(N unit)` and the six-field
 * `cron(minutes hours day-of-month month day-of-week year)`, evaluated in UTC (EventBridge rules)
 * or in a time zone (EventBridge Scheduler's `timezone`).
 */
import { parseDayOfMonth, parseDayOfWeek } from './cron-days';
import { fieldAllows, MONTH_NAMES, parseField, ScheduleExpressionError } from './cron-fields';
import { timeZone, type TimeZone } from './time-zone';

export { ScheduleExpressionError } from './cron-fields';

/** When a schedule fires next, strictly after `after` (ms since epoch); undefined when never. */
export type NextFire = (after: number) => number | undefined;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** No time zone is more than 14 hours from UTC: a wall time read as UTC is within this of its instant. */
const MAX_OFFSET = 14 * 60 * MINUTE;
const LAST_YEAR = 2199;
const RATE_UNITS: Record<string, number> = { minute: MINUTE, minutes: MINUTE, hour: 60 * MINUTE, hours: 60 * MINUTE, day: DAY, days: DAY };

/** `rate(5 minutes)` → its period in ms. */
export function parseRate(expression: string): number {
  const match = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(expression.trim());
  const unit = match ? RATE_UNITS[(match[2] as string).toLowerCase()] : undefined;
  const count = match ? Number(match[1]) : 0;
  if (!match || unit === undefined || count <= 0) throw new ScheduleExpressionError(`"${expression}" is not a rate expression: expected rate(<positive number> minute[s]|hour[s]|day[s])`);
  return count * unit;
}

/** Every value 0..count-1 the field allows, in order. */
const allowedValues = (text: string, name: string, count: number): number[] => {
  const values = parseField(text, { name, min: 0, max: count - 1 });
  return [...Array(count).keys()].filter((value) => fieldAllows(values, value));
};

/**
 * `cron(0 12 * * ? *)` → when it fires, as wall-clock times of `zone` (UTC by default). A wall
 * time the clock skips (spring forward) does not fire; one it shows twice (fall back) fires once,
 * the first time — as EventBridge Scheduler does.
 */
export function parseCron(expression: string, zone: TimeZone = timeZone('UTC')): NextFire {
  const match = /^cron\((.*)\)$/i.exec(expression.trim());
  const fields = match ? (match[1] as string).trim().split(/\s+/) : [];
  if (fields.length !== 6) throw new ScheduleExpressionError(`"${expression}" is not a cron expression: expected cron(minutes hours day-of-month month day-of-week year)`);
  const [minutesText, hoursText, domText, monthText, dowText, yearText] = fields as [string, string, string, string, string, string];
  if ((domText === '?') === (dowText === '?')) {
    throw new ScheduleExpressionError(`"${expression}": one of day-of-month and day-of-week must be ?, and only one (EventBridge does not combine them)`);
  }
  const minuteList = allowedValues(minutesText, 'minutes', 60);
  const hourList = allowedValues(hoursText, 'hours', 24);
  const months = parseField(monthText, { name: 'month', min: 1, max: 12, names: MONTH_NAMES });
  const years = parseField(yearText, { name: 'year', min: 1970, max: LAST_YEAR });
  const lastYear = years === undefined ? LAST_YEAR : Math.max(...years);
  const dayOfMonth = parseDayOfMonth(domText);
  const dayOfWeek = parseDayOfWeek(dowText);

  return (after) => {
    // The first whole minute strictly after `after`.
    const start = (Math.floor(after / MINUTE) + 1) * MINUTE;
    const first = zone.wallTimeAt(start);
    // Civil days, counted as UTC midnights: calendar arithmetic without any zone.
    for (let day = Date.UTC(first.year, first.month - 1, first.day); ; day += DAY) {
      const date = new Date(day);
      const [year, month, dom] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      if (year > lastYear) return undefined;
      if (!fieldAllows(years, year) || !fieldAllows(months, month) || !dayOfMonth(year, month, dom) || !dayOfWeek(year, month, dom)) continue;
      for (const hour of hourList) {
        for (const minute of minuteList) {
          // Cheap skip of times long past, before asking the zone.
          if (day + (hour * 60 + minute) * MINUTE + MAX_OFFSET < start) continue;
          const at = zone.instantOf({ year, month, day: dom, hour, minute });
          if (at !== undefined && at >= start) return at;
        }
      }
    }
  };
}

/**
 * A `rate(…)` or `cron(…)` expression → its next-fire function. A rate counts from `startedAt`
 * (a day is 24 hours, whatever the zone); a cron is read in `timezone` (an IANA name, default UTC).
 */
export function parseScheduleExpression(expression: string, startedAt: number, timezone?: string): NextFire {
  // Checked for rates too: EventBridge Scheduler refuses an unknown zone whatever the expression.
  const zone = timeZone(timezone ?? 'UTC');
  if (/^rate\(/i.test(expression.trim())) {
    const period = parseRate(expression);
    return (after) => startedAt + (Math.floor((after - startedAt) / period) + 1) * period;
  }
  if (/^cron\(/i.test(expression.trim())) return parseCron(expression, zone);
  throw new ScheduleExpressionError(`"${expression}" is neither rate(…) nor cron(…)`);
}
