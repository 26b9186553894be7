import type { InvokeError } from './types';

/** One request as an instance receives it. */
export interface InstanceRequest {
  id: string;
  event: unknown;
  /** Epoch ms when the function times out (`getRemainingTimeInMillis`). */
  deadline: number;
  clientContext: unknown;
  /** Absolute path of an `EventCodec` module the instance applies itself (Node workers). */
  codec?: string;
}

export type RunResult =
  | { kind: 'result'; payload: unknown }
  | { kind: 'error'; error: InvokeError }
  /** The instance died during the call (killed on timeout, `process.exit`, uncaught error). */
  | { kind: 'crash'; error: InvokeError };

/** Messages an instance's bootstrap sends (Node worker and Python process speak the same shapes). */
export type WireMessage =
  | { t: 'ready' }
  | { t: 'initError'; error: InvokeError }
  | { t: 'log'; id: string | null; line: string }
  /** `encoded`: the payload is already a codec's output (no JSON text to parse). */
  | { t: 'result'; id: string; payload: unknown; encoded?: boolean }
  | { t: 'error'; id: string; error: InvokeError };

type LineSink = (line: string) => void;

/**
 * The lifecycle every instance shares: start → ready (or init error) → one request at a time →
 * dead. A subclass starts its worker or process, feeds `receive()` and calls `died()`.
 */
export abstract class Instance {
  dead = false;
  /** Resolves once the handler is loaded: undefined, or the init error (the instance is then dead). */
  readonly ready: Promise<InvokeError | undefined>;
  private resolveReady!: (error: InvokeError | undefined) => void;
  private pending: { id: string; resolve: (result: RunResult) => void; onLine: LineSink } | undefined;

  constructor(private readonly strayLog: (requestId: string | null, line: string) => void) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  run(request: InstanceRequest, onLine: LineSink): Promise<RunResult> {
    if (this.dead) return Promise.resolve({ kind: 'crash', error: { errorType: 'Runtime.InstanceDead', errorMessage: 'The instance is no longer running' } });
    return new Promise((resolve) => {
      this.pending = { id: request.id, resolve, onLine };
      this.send(request);
    });
  }

  /** Whether `run` accepts `request.codec` (the instance applies the codec itself). */
  abstract readonly appliesCodecs: boolean;
  /** Set once `ready` resolved without an error (saves a timer per call on the hot path). */
  isReady = false;

  /**
   * One timer per instance, re-armed per call with `refresh()` (cheaper than a new timer per call
   * on the hot path). A fire after `disarmTimeout` finds no callback and does nothing; unref'd, so
   * an idle instance never keeps the process alive.
   */
  private timeoutTimer: NodeJS.Timeout | undefined;
  private timeoutMs = 0;
  private onTimeout: (() => void) | undefined;

  armTimeout(ms: number, onTimeout: () => void): void {
    this.onTimeout = onTimeout;
    if (this.timeoutTimer && this.timeoutMs === ms) {
      this.timeoutTimer.refresh();
      return;
    }
    clearTimeout(this.timeoutTimer);
    this.timeoutMs = ms;
    this.timeoutTimer = setTimeout(() => {
      const callback = this.onTimeout;
      this.onTimeout = undefined;
      callback?.();
    }, ms);
    this.timeoutTimer.unref();
  }

  disarmTimeout(): void {
    this.onTimeout = undefined;
  }

  protected clearTimeoutTimer(): void {
    clearTimeout(this.timeoutTimer);
    this.onTimeout = undefined;
  }

  /** Stop the instance now (timeout, reload, idle, close). */
  abstract kill(): void;
  /** Keep the Node process alive while busy; let it exit while idle. */
  abstract setRef(ref: boolean): void;
  protected abstract send(request: InstanceRequest): void;
  /** Payloads arrive as the subclass decodes them; Node sends JSON text, Python a parsed value. */
  protected abstract decodePayload(payload: unknown): unknown;

  protected log(line: string, id: string | null = this.pending?.id ?? null): void {
    if (this.pending && (id === null || id === this.pending.id)) this.pending.onLine(line);
    else this.strayLog(id, line);
  }

  protected receive(message: WireMessage): void {
    switch (message.t) {
      case 'log':
        this.log(message.line, message.id);
        return;
      case 'ready':
        this.isReady = true;
        this.resolveReady(undefined);
        return;
      case 'initError':
        this.dead = true;
        this.resolveReady(message.error);
        this.kill();
        return;
      case 'result':
      case 'error': {
        const pending = this.pending;
        if (!pending || pending.id !== message.id) return;
        this.pending = undefined;
        if (message.t === 'error') pending.resolve({ kind: 'error', error: message.error });
        else {
          try {
            pending.resolve({ kind: 'result', payload: message.encoded ? message.payload : this.decodePayload(message.payload) });
          } catch (error) {
            pending.resolve({ kind: 'error', error: { errorType: 'Runtime.MarshalError', errorMessage: (error as Error).message } });
          }
        }
      }
    }
  }

  /** The worker or process is gone: fail whoever waits on it. */
  protected died(error: InvokeError): void {
    if (this.dead && !this.pending) {
      this.resolveReady(error);
      return;
    }
    this.dead = true;
    this.resolveReady(error);
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ kind: 'crash', error });
  }
}
