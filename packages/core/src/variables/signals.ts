/**
 * What a variable evaluation can end with besides a value. Thrown (rather than returned) because
 * they cross every layer at once: source → variable → template → property.
 */

/** The variable cannot be answered in this pass; the property keeps its text for a later one. */
export class PendingSignal extends Error {
  override readonly name = 'PendingSignal';
}

/** A source type nobody registered, met in the final pass: reported together at the end. */
export class UnrecognizedSourceSignal extends Error {
  override readonly name = 'UnrecognizedSourceSignal';
  constructor(readonly type: string) {
    super(`Unrecognized configuration variable source: "${type}"`);
  }
}

/** A property this one depends on failed; that failure is reported there, not repeated here. */
export class DependencyFailedSignal extends Error {
  override readonly name = 'DependencyFailedSignal';
}

/** A user-facing failure of one variable. The innermost variable stamps its text on it. */
export class VariableError extends Error {
  override readonly name: string = 'VariableError';
  readonly hint: string | undefined;
  variableText: string | undefined;

  constructor(message: string, options: { hint?: string | undefined; variableText?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
    this.variableText = options.variableText;
  }
}

/**
 * A dependency cycle. `owner` is the property at which it was detected: only that property reports
 * it; the others in the cycle fail silently through DependencyFailedSignal or by identity below.
 */
export class CycleError extends VariableError {
  override readonly name = 'CycleError';
  constructor(message: string, readonly owner: object, hint: string) {
    super(message, { hint });
  }
}

export type ControlSignal = PendingSignal | UnrecognizedSourceSignal | DependencyFailedSignal;

export function isControlSignal(error: unknown): error is ControlSignal {
  return error instanceof PendingSignal || error instanceof UnrecognizedSourceSignal || error instanceof DependencyFailedSignal;
}

/**
 * Of several failures of one string's variables, the one that decides the property's fate:
 * a real error beats an unknown source, which beats a failed dependency, which beats "pending".
 */
export function mostSignificant(errors: readonly unknown[]): unknown {
  const rank = (error: unknown): number => {
    if (error instanceof PendingSignal) return 0;
    if (error instanceof DependencyFailedSignal) return 1;
    if (error instanceof UnrecognizedSourceSignal) return 2;
    return 3;
  };
  return errors.reduce((best, error) => (rank(error) > rank(best) ? error : best), errors[0]);
}
