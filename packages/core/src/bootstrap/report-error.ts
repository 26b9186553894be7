import { isStratusError } from '../errors/stratus-error';
import { hookOriginOf } from '../lifecycle/hook-error';
import type { Logger } from '../logging/logger';

/**
 * Print an error the way a user can act on it and return the exit code. User errors (a
 * StratusError with a code) print message and hint, no stack; anything else is an internal
 * error, with the stack under --debug.
 */
export function reportError(error: unknown, log: Logger): number {
  const origin = hookOriginOf(error);
  const where = origin ? `\n  (raised by plugin "${origin.pluginName}" in hook "${origin.hookId}")` : '';
  if (isStratusError(error)) {
    log.error(`${error.message}${where}`);
    if (error.hint) log.notice(`  Hint: ${error.hint}`);
    log.notice(`  Code: ${error.code}`);
    if (log.settings.debug && error.cause instanceof Error && error.cause.stack) log.notice(error.cause.stack);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  log.error(`Internal error: ${message}${where}`);
  if (log.settings.debug && error instanceof Error && error.stack) {
    log.notice(error.stack);
  } else {
    log.notice(
      origin
        ? `  This is probably a bug in plugin "${origin.pluginName}". Run again with --debug to see the stack.`
        : '  This is a bug in Stratus; please report it. Run again with --debug to see the stack.',
    );
  }
  return 1;
}
