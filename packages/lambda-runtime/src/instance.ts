import { performance } from 'node:perf_hooks';
import type { InvokeError } from './types';

/** One request as an instance receives it. */
export interface InstanceRequest {
  id: string;
  event: unknown;
  /** Epoch ms when the function times out (`getRemainingTimeInMillis`); for a queued request the worker re-derives it from `timeoutMs` when it starts. */
  deadline: number;
  timeoutMs: number;
  clientContext: unknown;
  /** Absolute path of an `EventCodec` module the instance applies itself (Node workers). */
  codec?: string;
}

export type RunResult =
  | { kind: 'result'; payload: unknown; durationMs: number }
  | { kind: 'error'; error: InvokeError; durationMs: number }
  /** The instance died during the call (killed on timeout, `process.exit`, uncaught error). */
  | { kind: 'crash'; error: InvokeError; durationMs: number }
  /** The instance died before this queued request started: run it elsewhere. */
  | { kind: 'notStarted' };

/** Messages an instance's bootstrap sends (Node worker and Python process speak the same shapes). */
export type WireMessage =
  | { t: 'ready' }
  | { t: 'initError'; error: InvokeError }
  | { t: 'log'; id: string | null; line: string }
  /** `encoded`: the payload is already a codec's output (no JSON text to parse). */
  | { t: 'result'; id: string; payload: unknown; encoded?: boolean; ms?: number }
  | { t: 'error'; id: string; error: InvokeError; ms?: number };

type LineSink = (line: string) => void;

export interface RunTiming {
  /** Enforced from the moment the request starts (not while it waits behind another). */
  timeoutMs?: number;
  onTimeout: () => void;
}

interface Pending {
  id: string;
  resolve: (result: RunResult) => void;
  onLine: LineSink;
  timing: RunTiming;
  startedAt: number;
}

/**
 * The lifecycle every instance shares: start → ready (or init error) → requests one at a time →
 * dead. A subclass starts its worker or process, feeds `receive()` and calls `died()`.
 *
 * An instance that `pipelines` may be handed the next request while it runs one: the request
 * waits in the worker, which starts it as soon as the current one ends. The instance still runs
 * one request at a time (as Lambda does), but its thread is awake when the request is sent, so
 * the sender does not pay for waking a sleeping thread (most of the offline server's cost).
 */
export abstract class Instance {
  dead = false;
  /** Resolves once the handler is loaded: undefined, or the init error (the instance is then dead). */
  readonly ready: Promise<InvokeError | undefined>;
  private resolveReady!: (error: InvokeError | undefined) => void;
  /** The running request first, then those sent behind it. */
  private readonly queue: Pending[] = [];

  constructor(private readonly strayLog: (requestId: string | null, line: string) => void) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** Requests running or waiting in this instance. */
  get load(): number {
    return this.queue.length;
  }

  run(request: InstanceRequest, onLine: LineSink, timing: RunTiming): Promise<RunResult> {
    if (this.dead) return Promise.resolve({ kind: 'crash', error: { errorType: 'Runtime.InstanceDead', errorMessage: 'The instance is no longer running' }, durationMs: 0 });
    return new Promise((resolve) => {
      this.queue.push({ id: request.id, resolve, onLine, timing, startedAt: 0 });
      if (this.queue.length === 1) this.startHead();
      this.send(request);
    });
  }

  private startHead(): void {
    const head = this.queue[0];
    if (!head) return;
    head.startedAt = performance.now();
    if (head.timing.timeoutMs !== undefined) this.armTimeout(head.timing.timeoutMs, head.timing.onTimeout);
  }

  /** Whether `run` accepts `request.codec` (the instance applies the codec itself). */
  abstract readonly appliesCodecs: boolean;
  /** Whether it may be sent a request while it runs one (its bootstrap queues them). */
  abstract readonly pipelines: boolean;
  /** Set once `ready` resolved without an error (saves a timer per call on the hot path). */
  isReady = false;
  /** How long its last call ran, as the instance measured it (Infinity before the first). */
  lastCallMs = Number.POSITIVE_INFINITY;

  /**
   * One timer per instance, re-armed per call with `refresh()` (cheaper than a new timer per call
   * on the hot path). A fire after `disarmTimeout` finds no callback and does nothing; unref'd, so
   * an idle instance never keeps the process alive.
   */
  private timeoutTimer: NodeJS.Timeout | undefined;
  private timeoutMs = 0;
  private onTimeout: (() => void) | undefined;

  private armTimeout(ms: number, onTimeout: () => void): void {
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

  protected log(line: string, id: string | null = this.queue[0]?.id ?? null): void {
    const owner = id === null ? this.queue[0] : this.queue.find((pending) => pending.id === id);
    if (owner) owner.onLine(line);
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
        const head = this.queue[0];
        if (!head || head.id !== message.id) return;
        this.queue.shift();
        this.onTimeout = undefined;
        const durationMs = performance.now() - head.startedAt;
        this.lastCallMs = message.ms ?? durationMs;
        this.startHead();
        if (message.t === 'error') head.resolve({ kind: 'error', error: message.error, durationMs });
        else {
          try {
            head.resolve({ kind: 'result', payload: message.encoded ? message.payload : this.decodePayload(message.payload), durationMs });
          } catch (error) {
            head.resolve({ kind: 'error', error: { errorType: 'Runtime.MarshalError', errorMessage: (error as Error).message }, durationMs });
          }
        }
      }
    }
  }

  /** The worker or process is gone: fail the running request; the waiting ones run elsewhere. */
  protected died(error: InvokeError): void {
    this.dead = true;
    this.resolveReady(error);
    this.clearTimeoutTimer();
    const [head, ...waiting] = this.queue.splice(0);
    head?.resolve({ kind: 'crash', error, durationMs: performance.now() - head.startedAt });
    for (const pending of waiting) pending.resolve({ kind: 'notStarted' });
  }
}
