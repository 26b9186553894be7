/** A function as the local runtime runs it (built by `invoke local` or the offline plugin). */
export interface LocalFunction {
  /** The function's key in `serverless.yml` (`functions.<key>`): identifies its pool of instances. */
  key: string;
  /** The deployed name (`<service>-<stage>-<key>` unless set). */
  name: string;
  /** `dir/file.method`, relative to `codeDir`. */
  handler: string;
  /** `nodejs20.x`, `python3.11`… */
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  /** The function's own variables (provider + function `environment`, already resolved to strings). */
  environment: Record<string, string>;
  /** Absolute; handler paths are relative to it. */
  codeDir: string;
}

export interface InvokeError {
  errorType: string;
  errorMessage: string;
  stackTrace?: string[];
}

export type InvokeOutcome =
  | { ok: true; payload: unknown; logs: string[]; durationMs: number; requestId: string }
  | { ok: false; error: InvokeError; logs: string[]; durationMs: number; requestId: string; timedOut: boolean };

export interface InvokeOptions {
  /** Becomes `context.clientContext`. */
  clientContext?: unknown;
  /** Do not enforce the function's timeout (offline's `--noTimeout`). */
  noTimeout?: boolean;
  /** The call's `awsRequestId` (default: a new UUID), for a caller that must name the call before it ends. */
  requestId?: string;
  /**
   * Name of a codec from `LocalLambdaRuntimeOptions.codecs`: the call passes the codec's compact
   * input instead of the event, and gets the codec's encoding of the result as `payload`.
   */
  codec?: string;
}

/**
 * A CommonJS module (`module.exports = { decodeEvent, encodeResult }`) that turns a compact input
 * into the handler's event and the handler's result into what the caller needs. Node handlers run
 * it inside their worker thread, so the caller's thread sends and receives less (the offline HTTP
 * path is hot); for other runtimes it runs in the caller's thread. Both functions must not throw.
 */
export interface EventCodec {
  decodeEvent(input: unknown): unknown;
  /** Gets the result as Lambda serialises it (after a JSON round trip). */
  encodeResult(result: unknown): unknown;
}

export interface LocalLambdaRuntimeOptions {
  region: string;
  /** Variables every function gets, over Lambda's own and under the function's (`IS_LOCAL`, `IS_OFFLINE`). */
  baseEnvironment?: Record<string, string>;
  /**
   * Every variable of this process reaches the handlers, under Lambda's own (offline's
   * `localEnvironment`); by default only `AWS_*`, `PATH` and `HOME`, as a Lambda sandbox has them.
   */
  allHostVariables?: boolean;
  /** Warm instances a function may have at once (default 4); further calls queue. */
  maxInstancesPerFunction?: number;
  /**
   * The most calls a running Node instance may hold, the running one included (default 64; 1
   * turns pipelining off). Sending a call to a thread that is awake is much cheaper for the caller
   * than waking an idle one, so an instance whose calls are short takes the next ones while its
   * queued work (calls × its last call's duration) stays under 1 ms; at the instance limit any
   * Node instance may hold 2. Each instance still runs one call at a time, each with its own
   * timeout from its start.
   */
  pipelineDepth?: number;
  /** An instance idle this long is terminated (default 60 000 ms). */
  idleTimeoutMs?: number;
  /** Codec name → absolute path of its module (see `EventCodec`). */
  codecs?: Record<string, string>;
  /** Each line a handler logs, as it happens (`fn` is the function key). */
  onLog?: (fn: string, requestId: string, line: string) => void;
}
