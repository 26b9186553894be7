/**
 * One CloudWatch message of a Lambda function, for the terminal (as v3's `logs` and `invoke --log`):
 * `START`/`END`/`REPORT` lines as they are (a blank line after each `REPORT`, closing an
 * invocation); runtime lines `<ISO time>\t<request id>\t<text>` with the time shown as
 * `YYYY-MM-DD HH:mm:ss.SSS (±HH:MM)` in local time; anything else unchanged.
 */
export function formatLambdaLogMessage(message: string): string {
  const text = message.replace(/\r?\n$/, '');
  if (text.startsWith('REPORT')) return `${text}\n`;
  if (text.startsWith('START') || text.startsWith('END')) return text;
  const parts = text.split('\t');
  if (parts.length < 3 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(parts[0] ?? '')) return text;
  const time = new Date(parts[0] ?? '');
  if (Number.isNaN(time.getTime())) return text;
  return [formatLocalTime(time), ...parts.slice(1)].join('\t');
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

/** `2024-03-01 10:15:30.123 (+01:00)` in the local time zone. */
export function formatLocalTime(time: Date): string {
  const offset = -time.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  const date = `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
  const clock = `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${pad(time.getMilliseconds(), 3)}`;
  return `${date} ${clock} (${zone})`;
}
