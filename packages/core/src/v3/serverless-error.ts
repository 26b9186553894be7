import { StratusError } from '../errors/stratus-error';

/**
 * v3's `serverless.classes.Error` — `new Error(message, code)`: a user error, printed
 * without a stack. It is a StratusError, so the CLI reports it the same way.
 */
export class ServerlessError extends StratusError {
  constructor(message: string, code?: string, options: { decoratedMessage?: string; hint?: string } = {}) {
    super(code ?? 'PLUGIN_USER_ERROR', message, options.hint === undefined ? {} : { hint: options.hint });
    this.name = 'ServerlessError';
  }
}
