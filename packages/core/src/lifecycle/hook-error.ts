/**
 * Which plugin and hook an error came from. Attached to the thrown error itself (not a wrapper)
 * so that code catching errors from `spawn` still sees the original class; the innermost hook wins.
 */
export interface HookOrigin {
  pluginName: string;
  hookId: string;
}

const ORIGIN = Symbol.for('stratus.hookOrigin');

export function attachHookOrigin(error: unknown, origin: HookOrigin): unknown {
  const target = error instanceof Error ? error : new Error(String(error));
  if (!(ORIGIN in target)) Object.defineProperty(target, ORIGIN, { value: origin, enumerable: false });
  return target;
}

export function hookOriginOf(error: unknown): HookOrigin | undefined {
  return error instanceof Error ? ((error as unknown as Record<symbol, HookOrigin | undefined>)[ORIGIN]) : undefined;
}

/** Thrown by `spawn(…, { terminateLifecycleAfterExecution: true })`: the calling lifecycle stops, successfully. */
export class TerminateLifecycleSignal extends Error {
  constructor() {
    super('The lifecycle was terminated after a spawned command (not an error).');
    this.name = 'TerminateLifecycleSignal';
  }
}
