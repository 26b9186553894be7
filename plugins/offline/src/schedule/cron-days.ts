/**
 * The day fields of an AWS cron expression. Day-of-month: numbers, `L` (last day), `15W` (the
 * weekday nearest the 15th), `LW` (last weekday). Day-of-week: numbers or names, `6#3` (third
 * Friday), `6L` (last Friday), `L` (Saturday, the last day of the week). `?` means "any".
 */
import { DAY_NAMES, fieldAllows, parseField, parseFieldValue, ScheduleExpressionError, type FieldSpec } from './cron-fields';

/** Whether a calendar date (month 1-12) is allowed. Dates are civil dates: no time zone. */
export type DayTest = (year: number, month: number, day: number) => boolean;

const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: DAY_NAMES };
const DAY_NAME_PATTERN = new RegExp(DAY_NAMES.join('|'), 'g');
const SATURDAY = 7;
const SUNDAY = 1;

const anyDay: DayTest = () => true;

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 (Sunday) to 7 (Saturday), as AWS numbers them. */
export const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

/**
 * The weekday nearest `target` within its month (Saturday → Friday, Sunday → Monday, never
 * crossing into another month); undefined when the month has no such day (`30W` in February).
 */
function nearestWeekday(year: number, month: number, target: number): number | undefined {
  const last = daysInMonth(year, month);
  if (target > last) return undefined;
  const weekday = weekdayOf(year, month, target);
  if (weekday === SATURDAY) return target === 1 ? 3 : target - 1;
  if (weekday === SUNDAY) return target === last ? target - 2 : target + 1;
  return target;
}

export function parseDayOfMonth(text: string): DayTest {
  const upper = text.toUpperCase();
  if (upper === '?') return anyDay;
  if (upper === 'L') return (year, month, day) => day === daysInMonth(year, month);
  if (upper === 'LW') return (year, month, day) => day === nearestWeekday(year, month, daysInMonth(year, month));
  const weekday = /^(\d+)W$/.exec(upper);
  if (weekday) {
    const target = parseFieldValue(weekday[1] as string, DAY_OF_MONTH);
    if (target < 1 || target > 31) throw new ScheduleExpressionError(`"${text}" is out of range for the day-of-month field (1-31)`);
    return (year, month, day) => day === nearestWeekday(year, month, target);
  }
  if (/[LW#]/.test(upper)) throw new ScheduleExpressionError(`"${text}" is not a day-of-month form EventBridge accepts (numbers, L, LW, or nW)`);
  const values = parseField(text, DAY_OF_MONTH);
  return (_year, _month, day) => fieldAllows(values, day);
}

export function parseDayOfWeek(text: string): DayTest {
  const upper = text.toUpperCase();
  if (upper === '?') return anyDay;
  if (upper === 'L') return (year, month, day) => weekdayOf(year, month, day) === SATURDAY;
  const nth = /^(\w+)#(\d+)$/.exec(upper);
  if (nth) {
    const target = parseFieldValue(nth[1] as string, DAY_OF_WEEK);
    const which = Number(nth[2]);
    if (target < 1 || target > 7 || which < 1 || which > 5) throw new ScheduleExpressionError(`"${text}": expected <day 1-7 or SUN-SAT>#<1-5>`);
    return (year, month, day) => weekdayOf(year, month, day) === target && Math.ceil(day / 7) === which;
  }
  const last = /^(\w+)L$/.exec(upper);
  if (last) {
    const target = parseFieldValue(last[1] as string, DAY_OF_WEEK);
    if (target < 1 || target > 7) throw new ScheduleExpressionError(`"${text}" is out of range for the day-of-week field (1-7)`);
    return (year, month, day) => weekdayOf(year, month, day) === target && day + 7 > daysInMonth(year, month);
  }
  // Day names are taken out first: WED has a W.
  if (/[LW#]/.test(upper.replace(DAY_NAME_PATTERN, ''))) throw new ScheduleExpressionError(`"${text}" is not a day-of-week form EventBridge accepts (numbers, names, nL, or n#k)`);
  const values = parseField(text, DAY_OF_WEEK);
  return (year, month, day) => fieldAllows(values, weekdayOf(year, month, day));
}
