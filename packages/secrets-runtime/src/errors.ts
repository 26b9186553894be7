/** Every failure of the runtime helper: a stable `code` and a message that says what to fix. */
export class SecretsRuntimeError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SecretsRuntimeError';
    this.code = code;
  }
}
