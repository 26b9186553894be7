/**
 * AWS EventBridge schedule expressions, evaluated in UTC: `rate(N unit)` and the six-field
 * `cron(minutes hours day-of-month month day-of-week year)`.
 */

/** When a schedule fires next, strictly after `after` (ms since epoch); undefined when never. */
export type NextFire = (after: number) => number | undefined;

export class ScheduleExpressionError extends Error {}

const MINUTE = 60_000;
const RATE_UNITS: Record<string, number> = { minute: MINUTE, minutes: MINUTE, hour: 60 * MINUTE, hours: 60 * MINUTE, day: 24 * 60 * MINUTE, days: 24 * 60 * MINUTE };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** AWS numbers days of the week 1 (SUN) to 7 (SAT). */
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** `rate(5 minutes)` → its period in ms. */
export function parseRate(expression: string): number {
  const match = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(expression.trim());
  const unit = match ? RATE_UNITS[(match[2] as string).toLowerCase()] : undefined;
  const count = match ? Number(match[1]) : 0;
  if (!match || unit === undefined || count <= 0) throw new ScheduleExpressionError(`"${expression}" is not a rate expression: expected rate(<positive number> minute[s]|hour[s]|day[s])`);
  return count * unit;
}

type DayTest = (year: number, month: number, day: number) => boolean;

interface Field {
  /** Allowed values; undefined for `*`/`?`. */
  values?: Set<number>;
}

function parseValue(text: string, names: string[] | undefined, offset: number, field: string): number {
  const upper = text.toUpperCase();
  const named = names ? names.indexOf(upper) : -1;
  if (named >= 0) return named + offset;
  if (!/^\d+$/.test(text)) throw new ScheduleExpressionError(`"${text}" is not a valid ${field} value`);
  return Number(text);
}

/** One field of numbers: `*`, `?`, `5`, `1,3`, `1-5`, `*\/10`, `0/15`, `MON-FRI`. */
function parseField(text: string, min: number, max: number, field: string, names?: string[], offset = 1): Field {
  if (text === '*' || text === '?') return {};
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new ScheduleExpressionError(`"${item}" has an invalid step in the ${field} field`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [parseValue(a, names, offset, field), parseValue(b, names, offset, field)];
    } else {
      from = parseValue(range, names, offset, field);
      to = stepText === undefined ? from : max;
    }
    if (from < min || to > max || from > to) throw new ScheduleExpressionError(`"${item}" is out of range for the ${field} field (${min}-${max})`);
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return { values };
}

const allows = (field: Field, value: number): boolean => field.values === undefined || field.values.has(value);
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Day-of-month: numbers, or `L` (the last day). `W` (nearest weekday) is not supported. */
function parseDayOfMonth(text: string): DayTest {
  if (/W/i.test(text)) throw new ScheduleExpressionError(`"${text}": W (nearest weekday) in the day-of-month field is not supported offline`);
  if (text.toUpperCase() === 'L') return (year, month, day) => day === daysInMonth(year, month);
  const field = parseField(text, 1, 31, 'day-of-month');
  return (_year, _month, day) => allows(field, day);
}

/** Day-of-week: numbers/names, `n#k` (the k-th such day of the month) or `nL` (the last one). */
function parseDayOfWeek(text: string): DayTest {
  const weekday = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  const nth = /^(\w+)#([1-5])$/.exec(text);
  if (nth) {
    const target = parseValue(nth[1] as string, DAYS, 1, 'day-of-week');
    const which = Number(nth[2]);
    return (year, month, day) => weekday(year, month, day) === target && Math.ceil(day / 7) === which;
  }
  const last = /^(\w+)L$/i.exec(text);
  if (last) {
    const target = parseValue(last[1] as string, DAYS, 1, 'day-of-week');
    return (year, month, day) => weekday(year, month, day) === target && day + 7 > daysInMonth(year, month);
  }
  if (/[LW#]/i.test(text)) throw new ScheduleExpressionError(`"${text}" is not a day-of-week form supported offline`);
  const field = parseField(text, 1, 7, 'day-of-week', DAYS);
  return (year, month, day) => allows(field, weekday(year, month, day));
}

/** `cron(0 12 * * ? *)` → when it fires. */
export function parseCron(expression: string): NextFire {
  const match = /^cron\((.*)\)$/i.exec(expression.trim());
  const fields = match ? (match[1] as string).trim().split(/\s+/) : [];
  if (fields.length !== 6) throw new ScheduleExpressionError(`"${expression}" is not a cron expression: expected cron(minutes hours day-of-month month day-of-week year)`);
  const [minutesText, hoursText, domText, monthText, dowText, yearText] = fields as [string, string, string, string, string, string];
  const minutes = parseField(minutesText, 0, 59, 'minutes', undefined, 0);
  const hours = parseField(hoursText, 0, 23, 'hours', undefined, 0);
  const months = parseField(monthText, 1, 12, 'month', MONTHS);
  const years = parseField(yearText, 1970, 2199, 'year', undefined, 0);
  const dayOfMonth = parseDayOfMonth(domText);
  const dayOfWeek = parseDayOfWeek(dowText);
  const minuteList = [...Array(60).keys()].filter((m) => allows(minutes, m));
  const hourList = [...Array(24).keys()].filter((h) => allows(hours, h));

  return (after) => {
    // The first whole minute strictly after `after`.
    const start = new Date((Math.floor(after / MINUTE) + 1) * MINUTE);
    let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    const lastDay = Date.UTC(2199, 11, 31);
    for (; day <= lastDay; day += 24 * 60 * MINUTE) {
      const date = new Date(day);
      const [year, month, dom] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      if (!allows(years, year)) {
        if (years.values && [...years.values].every((y) => y < year)) return undefined;
        continue;
      }
      if (!allows(months, month) || !dayOfMonth(year, month, dom) || !dayOfWeek(year, month, dom)) continue;
      for (const hour of hourList) {
        for (const minute of minuteList) {
          const at = day + (hour * 60 + minute) * MINUTE;
          if (at >= start.getTime()) return at;
        }
      }
    }
    return undefined;
  };
}

/** A `rate(…)` or `cron(…)` expression → its next-fire function; `rate` counts from `startedAt`. */
export function parseScheduleExpression(expression: string, startedAt: number): NextFire {
  if (/^rate\(/i.test(expression.trim())) {
    const period = parseRate(expression);
    return (after) => startedAt + (Math.floor((after - startedAt) / period) + 1) * period;
  }
  if (/^cron\(/i.test(expression.trim())) return parseCron(expression);
  throw new ScheduleExpressionError(`"${expression}" is neither rate(…) nor cron(…)`);
}
