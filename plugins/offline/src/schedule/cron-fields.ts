/** The numeric fields of an AWS cron expression: lists, ranges, steps and names. */

export class ScheduleExpressionError extends Error {}

export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** AWS numbers days of the week 1 (SUN) to 7 (SAT). */
export const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The values a field allows; undefined for `*` (every value). */
export type FieldValues = ReadonlySet<number> | undefined;

export interface FieldSpec {
  /** For messages: `minutes`, `day-of-week`… */
  name: string;
  min: number;
  max: number;
  /** Names for the values `min`, `min + 1`…: `JAN`… or `SUN`… */
  names?: readonly string[];
}

/** `5`, or a name (`MON`, `jan`: case does not matter) → its number. */
export function parseFieldValue(text: string, spec: FieldSpec): number {
  const named = spec.names ? spec.names.indexOf(text.toUpperCase()) : -1;
  if (named >= 0) return named + spec.min;
  if (!/^\d+$/.test(text)) throw new ScheduleExpressionError(`"${text}" is not a valid ${spec.name} value`);
  return Number(text);
}

/** `*`, `5`, `1,3`, `1-5`, `*\/10`, `0/15`, `MON-FRI`, `JAN,JUL` → the values it allows. */
export function parseField(text: string, spec: FieldSpec): FieldValues {
  if (text === '*') return undefined;
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new ScheduleExpressionError(`"${item}" has an invalid step in the ${spec.name} field`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [parseFieldValue(a, spec), parseFieldValue(b, spec)];
    } else {
      from = parseFieldValue(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    if (from < spec.min || to > spec.max || from > to) throw new ScheduleExpressionError(`"${item}" is out of range for the ${spec.name} field (${spec.min}-${spec.max})`);
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

export const fieldAllows = (values: FieldValues, value: number): boolean => values === undefined || values.has(value);
