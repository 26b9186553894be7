/**
 * The one error class for problems a user can fix: a stable `code` (SCREAMING_SNAKE with an area
 * prefix), a message that names the file / key / resource, and a `hint` that says what to do.
 * The CLI prints these without a stack and exits with code 1. Anything else is an internal error.
 */
export class StratusError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StratusError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isStratusError(error: unknown): error is StratusError {
  return error instanceof StratusError || (error instanceof Error && (error as { name?: string }).name === 'StratusError' && typeof (error as { code?: unknown }).code === 'string');
}
