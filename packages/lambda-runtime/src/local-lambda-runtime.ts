import { randomUUID } from 'node:crypto';
import { StratusError } from '@stratus/core';
import type { Instance } from './instance';
import { functionIdentity, lambdaEnvironment } from './lambda-environment';
import { NodeInstance } from './node-instance';
import { PythonInstance } from './python-instance';
import type { EventCodec, InvokeError, InvokeOptions, InvokeOutcome, LocalFunction, LocalLambdaRuntimeOptions } from './types';

/** Lambda's own limit on the init phase (loading the handler module). */
const INIT_TIMEOUT_MS = 10_000;
/**
 * How much work (calls × the instance's last call duration) a running instance may have queued
 * before a call goes to another instance: short calls gather in awake instances, long ones spread.
 */
const QUEUED_WORK_BUDGET_MS = 1;
/** At the instance limit, any running Node instance may hold the next call (it waits there instead of here). */
const DEPTH_AT_LIMIT = 2;

/** The warm instances of one function, and the calls waiting for one. */
interface Pool {
  idle: Instance[];
  /** Instances alive or starting, idle or busy. */
  size: number;
  waiters: Array<(instance: Instance) => void>;
  idleTimers: Map<Instance, NodeJS.Timeout>;
  /** Bumped by `reload`: busy instances of an older generation are dropped when they finish. */
  generation: number;
  generations: Map<Instance, number>;
  /** What the instances were started from; another definition under the same key restarts them. */
  signature: string;
}

const signatures = new WeakMap<LocalFunction, string>();

/** Everything an instance bakes in at start-up (cached per definition object: the hot path stays cheap). */
function signatureOf(fn: LocalFunction): string {
  let signature = signatures.get(fn);
  if (signature === undefined) {
    signature = JSON.stringify([fn.name, fn.handler, fn.runtime, fn.codeDir, fn.memorySize, fn.environment]);
    signatures.set(fn, signature);
  }
  return signature;
}

/**
 * Runs Lambda handlers on this machine: Node in worker threads, Python in long-lived processes,
 * each function in its own instances, reused warm, started on demand up to a limit, reaped when
 * idle, killed and replaced on timeout or crash.
 */
export class LocalLambdaRuntime {
  private readonly pools = new Map<string, Pool>();
  private readonly maxInstances: number;
  private readonly idleTimeoutMs: number;
  private readonly pipelineDepth: number;
  /** Codecs applied in this thread (for instances that do not apply them themselves). */
  private readonly loadedCodecs = new Map<string, EventCodec>();
  private closed = false;

  constructor(private readonly options: LocalLambdaRuntimeOptions) {
    this.maxInstances = Math.max(1, options.maxInstancesPerFunction ?? 4);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.pipelineDepth = Math.max(1, options.pipelineDepth ?? 64);
  }

  async invoke(fn: LocalFunction, event: unknown, options: InvokeOptions = {}): Promise<InvokeOutcome> {
    if (this.closed) throw new StratusError('LAMBDA_RUNTIME_CLOSED', `Cannot invoke "${fn.key}": the local Lambda runtime is closed`);
    const requestId = options.requestId ?? randomUUID();
    const logs: string[] = [];
    const onLog = this.options.onLog;
    const onLine = (line: string): void => {
      logs.push(line);
      onLog?.(fn.key, requestId, line);
    };
    const codecPath = options.codec === undefined ? undefined : this.codecPath(options.codec);
    const pool = this.poolFor(fn);
    const failure = (error: InvokeError, durationMs: number, timedOut = false): InvokeOutcome => ({ ok: false, error, logs, durationMs, requestId, timedOut });
    const timeoutMs = fn.timeoutSeconds * 1000;

    // Normally once; again when the instance this call was queued in died before reaching it.
    for (;;) {
      // A warm instance is used in this same tick (no await), so a call made right after sees its load.
      const acquired = this.acquire(pool, fn);
      const instance = acquired instanceof Promise ? await acquired : acquired;
      if (!instance.isReady) {
        const initError = await withTimer(instance.ready, INIT_TIMEOUT_MS, () => instance.kill());
        if (initError !== undefined || instance.dead) {
          this.release(pool, fn, instance);
          return failure(initError ?? { errorType: 'Runtime.InitTimeout', errorMessage: `Init timed out after ${INIT_TIMEOUT_MS / 1000} seconds` }, 0);
        }
      }
      // A Node worker applies the codec itself; for other runtimes it runs here, around the call.
      const localCodec = codecPath !== undefined && !instance.appliesCodecs ? this.loadCodec(codecPath) : undefined;
      let timedOut = false;
      instance.setRef(true);
      const request = {
        id: requestId,
        event: localCodec ? localCodec.decodeEvent(event) : event,
        deadline: Date.now() + timeoutMs,
        timeoutMs,
        clientContext: options.clientContext,
        ...(codecPath !== undefined && !localCodec ? { codec: codecPath } : {}),
      };
      const onTimeout = (): void => {
        timedOut = true;
        instance.kill();
      };
      const result = await instance.run(request, onLine, options.noTimeout ? { onTimeout } : { timeoutMs, onTimeout });
      this.release(pool, fn, instance);
      if (result.kind === 'notStarted') continue;

      const durationMs = Math.round(result.durationMs * 100) / 100;
      if (timedOut) return failure({ errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` }, durationMs, true);
      if (result.kind === 'result') return { ok: true, payload: localCodec ? localCodec.encodeResult(result.payload) : result.payload, logs, durationMs, requestId };
      return failure(result.error, durationMs);
    }
  }

  /** Drop warm instances (hot reload): of one function, or of all. Busy ones finish first. */
  async reload(functionKey?: string): Promise<void> {
    for (const [key, pool] of this.pools) {
      if (functionKey === undefined || key === functionKey) this.drop(pool);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pool of this.pools.values()) this.drop(pool);
  }

  private codecPath(name: string): string {
    const codecPath = this.options.codecs?.[name];
    if (codecPath === undefined) throw new StratusError('LAMBDA_RUNTIME_UNKNOWN_CODEC', `No event codec named "${name}" was given to the local Lambda runtime`);
    return codecPath;
  }

  private loadCodec(codecPath: string): EventCodec {
    let codec = this.loadedCodecs.get(codecPath);
    if (!codec) {
      codec = require(codecPath) as EventCodec;
      this.loadedCodecs.set(codecPath, codec);
    }
    return codec;
  }

  private poolFor(fn: LocalFunction): Pool {
    const signature = signatureOf(fn);
    let pool = this.pools.get(fn.key);
    if (!pool) {
      pool = { idle: [], size: 0, waiters: [], idleTimers: new Map(), generation: 0, generations: new Map(), signature };
      this.pools.set(fn.key, pool);
    } else if (pool.signature !== signature) {
      pool.signature = signature;
      this.drop(pool);
    }
    return pool;
  }

  /** Retire every instance of a pool: idle ones now, busy ones when they finish. */
  private drop(pool: Pool): void {
    pool.generation += 1;
    for (const instance of pool.idle.splice(0)) this.discard(pool, instance);
  }

  private acquire(pool: Pool, fn: LocalFunction): Promise<Instance> | Instance {
    const awake = this.runningInstanceWithRoom(pool, false);
    if (awake) return awake;
    for (let warm = pool.idle.pop(); warm; warm = pool.idle.pop()) {
      clearTimeout(pool.idleTimers.get(warm));
      pool.idleTimers.delete(warm);
      if (!warm.dead) return warm;
      this.discard(pool, warm); // crashed while idle (a stray timer calling process.exit…)
    }
    if (pool.size < this.maxInstances) return this.start(pool, fn);
    return this.runningInstanceWithRoom(pool, true) ?? new Promise((resolve) => pool.waiters.push(resolve));
  }

  /**
   * How many calls a running instance may hold (the running one included). Waking an idle
   * worker thread costs the caller's thread more than a short call costs the worker, so an
   * instance whose calls are short takes the next ones while its queued work stays under
   * `QUEUED_WORK_BUDGET_MS` (at most `pipelineDepth`); at the instance limit any Node instance
   * may hold `DEPTH_AT_LIMIT`. Calls still run one at a time, each with its own timeout.
   */
  private depthOf(instance: Instance, atLimit: boolean): number {
    if (!instance.pipelines) return 1;
    const byDuration = Math.floor(QUEUED_WORK_BUDGET_MS / instance.lastCallMs);
    return Math.max(1, Math.min(this.pipelineDepth, atLimit ? Math.max(byDuration, DEPTH_AT_LIMIT) : byDuration));
  }

  /** A running instance of the current generation with room for one more call (the first found, so calls gather). */
  private runningInstanceWithRoom(pool: Pool, atLimit: boolean): Instance | undefined {
    for (const [instance, generation] of pool.generations) {
      if (instance.load === 0 || instance.dead || !instance.isReady || generation !== pool.generation) continue;
      if (instance.load < this.depthOf(instance, atLimit)) return instance;
    }
    return undefined;
  }

  private release(pool: Pool, fn: LocalFunction, instance: Instance): void {
    if (instance.dead || this.closed) {
      this.discard(pool, instance);
      // Someone waits and there is room again: a fresh instance for them.
      const waiter = pool.waiters.shift();
      if (waiter && !this.closed) waiter(this.start(pool, fn));
      return;
    }
    if (instance.load > 0) {
      // Still running calls sent behind this one: not idle, but maybe room for a waiter.
      if (instance.load < this.depthOf(instance, true) && pool.generations.get(instance) === pool.generation) pool.waiters.shift()?.(instance);
      return;
    }
    instance.setRef(false);
    if (pool.generations.get(instance) !== pool.generation) {
      this.discard(pool, instance);
      const waiter = pool.waiters.shift();
      if (waiter && !this.closed) waiter(this.start(pool, fn));
      return;
    }
    const waiter = pool.waiters.shift();
    if (waiter) {
      waiter(instance);
      return;
    }
    pool.idle.push(instance);
    const timer = setTimeout(() => {
      const index = pool.idle.indexOf(instance);
      if (index >= 0) pool.idle.splice(index, 1);
      this.discard(pool, instance);
    }, this.idleTimeoutMs);
    timer.unref();
    pool.idleTimers.set(instance, timer);
  }

  private start(pool: Pool, fn: LocalFunction): Instance {
    const identity = functionIdentity(fn, this.options.region);
    const env = lambdaEnvironment(fn, identity, this.options.region, this.options.baseEnvironment ?? {}, this.options.allHostVariables);
    const strayLog = (id: string | null, line: string): void => this.options.onLog?.(fn.key, id ?? '', line);
    const settings = { codeDir: fn.codeDir, handler: fn.handler, identity, env, strayLog };
    let instance: Instance;
    if (fn.runtime.startsWith('python')) instance = new PythonInstance(settings);
    else if (fn.runtime.startsWith('nodejs')) instance = new NodeInstance(settings);
    else throw new StratusError('LAMBDA_RUNTIME_UNSUPPORTED', `Function "${fn.key}" uses runtime "${fn.runtime}", which cannot run locally`, { hint: 'Local invocation supports nodejs* and python* runtimes.' });
    pool.size += 1;
    pool.generations.set(instance, pool.generation);
    return instance;
  }

  private discard(pool: Pool, instance: Instance): void {
    if (!pool.generations.delete(instance)) return;
    clearTimeout(pool.idleTimers.get(instance));
    pool.idleTimers.delete(instance);
    pool.size -= 1;
    if (!instance.dead) instance.kill();
  }
}

/** `promise`, or `onTimeout()` after `ms` (the caller kills the instance, which settles `promise`). */
async function withTimer<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  const timer = setTimeout(onTimeout, ms);
  try {
    return await promise;
  } finally {
    clearTimeout(timer);
  }
}
