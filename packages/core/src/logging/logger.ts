/**
 * Levelled logging for the CLI and for plugins. Logs go to stderr (so stdout stays clean for
 * `writeText` output such as `print`), as Serverless v3 does.
 */
export type LogLevel = 'error' | 'warning' | 'notice' | 'success' | 'info' | 'verbose' | 'debug';

export interface LogSink {
  write(text: string): void;
}

export interface LoggerSettings {
  verbose: boolean;
  debug: boolean;
  /** Where log lines go (stderr by default). */
  sink: LogSink;
  /** Where `writeText` goes (stdout by default). */
  textSink: LogSink;
  /** Values that must never be printed (secrets); each is replaced by `****`. */
  redactions: Set<string>;
}

/** Callable as `log(msg)` (notice level), with one method per level, as v3's plugin `log`. */
export interface Logger {
  (...message: unknown[]): void;
  readonly name: string | undefined;
  error(...message: unknown[]): void;
  warning(...message: unknown[]): void;
  notice(...message: unknown[]): void;
  success(...message: unknown[]): void;
  info(...message: unknown[]): void;
  verbose(...message: unknown[]): void;
  debug(...message: unknown[]): void;
  /** A logger whose lines say which plugin wrote them. */
  child(name: string): Logger;
  /** Plain output on stdout, no prefix (what `print` and `info --json` use). */
  writeText(...text: unknown[]): void;
  readonly settings: LoggerSettings;
}

const PREFIX: Record<LogLevel, string> = {
  error: 'Error: ',
  warning: 'Warning: ',
  notice: '',
  success: '✔ ',
  info: '',
  verbose: '',
  debug: '',
};

function isShown(level: LogLevel, settings: LoggerSettings): boolean {
  if (level === 'debug') return settings.debug;
  if (level === 'verbose' || level === 'info') return settings.verbose || settings.debug;
  return true;
}

function stringify(parts: unknown[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(' ');
}

export function redact(text: string, redactions: ReadonlySet<string>): string {
  let out = text;
  for (const secret of redactions) if (secret.length > 0) out = out.split(secret).join('****');
  return out;
}

export function createLogger(partial: Partial<LoggerSettings> = {}, name?: string): Logger {
  const settings: LoggerSettings = {
    verbose: partial.verbose ?? false,
    debug: partial.debug ?? false,
    sink: partial.sink ?? { write: (text) => process.stderr.write(text) },
    textSink: partial.textSink ?? { write: (text) => process.stdout.write(text) },
    redactions: partial.redactions ?? new Set(),
  };
  return loggerFor(settings, name);
}

function loggerFor(settings: LoggerSettings, name: string | undefined): Logger {
  const emit = (level: LogLevel, parts: unknown[]): void => {
    if (!isShown(level, settings)) return;
    const tag = level === 'debug' && name ? `[${name}] ` : '';
    settings.sink.write(redact(`${PREFIX[level]}${tag}${stringify(parts)}\n`, settings.redactions));
  };
  const log = ((...parts: unknown[]) => emit('notice', parts)) as Logger;
  Object.defineProperty(log, 'name', { value: name });
  Object.assign(log, {
    settings,
    error: (...parts: unknown[]) => emit('error', parts),
    warning: (...parts: unknown[]) => emit('warning', parts),
    notice: (...parts: unknown[]) => emit('notice', parts),
    success: (...parts: unknown[]) => emit('success', parts),
    info: (...parts: unknown[]) => emit('info', parts),
    verbose: (...parts: unknown[]) => emit('verbose', parts),
    debug: (...parts: unknown[]) => emit('debug', parts),
    child: (childName: string) => loggerFor(settings, childName),
    writeText: (...text: unknown[]) => settings.textSink.write(redact(`${stringify(text)}\n`, settings.redactions)),
  });
  return log;
}
