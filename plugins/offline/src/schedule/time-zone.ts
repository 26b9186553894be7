/**
 * Wall-clock time in an IANA time zone ↔ instants, with `Intl` only (no time-zone database of
 * our own). Used to evaluate EventBridge Scheduler cron expressions in their `timezone`.
 */
import { ScheduleExpressionError } from './cron-fields';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A civil date and time (month 1-12), as a clock on the wall shows it. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface TimeZone {
  readonly name: string;
  /** The wall time at an instant (ms since epoch). */
  wallTimeAt(instant: number): WallTime;
  /**
   * The instant a wall time denotes: undefined when the clock skips it (spring forward), the
   * earlier one when it shows it twice (fall back).
   */
  instantOf(wall: WallTime): number | undefined;
}

const wallAsUtc = (wall: WallTime): number => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);

const sameWallTime = (a: WallTime, b: WallTime): boolean =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

const UTC_ZONE: TimeZone = {
  name: 'UTC',
  wallTimeAt(instant) {
    const date = new Date(instant);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
  },
  instantOf: wallAsUtc,
};

/** A time zone by IANA name (`Europe/Paris`); `UTC` and `Etc/UTC` need no `Intl` lookups. */
export function timeZone(name: string): TimeZone {
  if (name === 'UTC' || name === 'Etc/UTC') return UTC_ZONE;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  } catch {
    throw new ScheduleExpressionError(`"${name}" is not a time zone this machine knows (expected an IANA name such as Europe/Paris)`);
  }
  const wallTimeAt = (instant: number): WallTime => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0 };
  };
  /** How far the wall clock is ahead of UTC at an instant (whole minutes: seconds offsets are history). */
  const offsetAt = (instant: number): number => wallAsUtc(wallTimeAt(instant)) - Math.floor(instant / MINUTE) * MINUTE;
  return {
    name,
    wallTimeAt,
    instantOf(wall) {
      const asUtc = wallAsUtc(wall);
      // Offsets change at most once within a day: the ones half a day either side are the only candidates.
      const offsets = new Set([offsetAt(asUtc - 12 * HOUR), offsetAt(asUtc + 12 * HOUR)]);
      let earliest: number | undefined;
      for (const offset of offsets) {
        const instant = asUtc - offset;
        if (sameWallTime(wallTimeAt(instant), wall) && (earliest === undefined || instant < earliest)) earliest = instant;
      }
      return earliest;
    },
  };
}
