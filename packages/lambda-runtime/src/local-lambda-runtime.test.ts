import * as path from 'node:path';
import { LocalLambdaRuntime, type InvokeOutcome, type LocalFunction } from './index';

const FIXTURES = path.join(__dirname, '__fixtures__');

function nodeFn(handler: string, overrides: Partial<LocalFunction> = {}): LocalFunction {
  return {
    key: 'hello',
    name: 'svc-dev-hello',
    handler,
    runtime: 'nodejs20.x',
    timeoutSeconds: 6,
    memorySize: 512,
    environment: { STAGE_VAR: 'from-function' },
    codeDir: FIXTURES,
    ...overrides,
  };
}

function pyFn(handler: string, overrides: Partial<LocalFunction> = {}): LocalFunction {
  return nodeFn(`python/${handler}`, { key: 'py', name: 'svc-dev-py', runtime: 'python3.11', ...overrides });
}

function ok(outcome: InvokeOutcome): unknown {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.error)}`);
  return outcome.payload;
}

function failed(outcome: InvokeOutcome): Extract<InvokeOutcome, { ok: false }> {
  if (outcome.ok) throw new Error(`expected failure, got ${JSON.stringify(outcome.payload)}`);
  return outcome;
}

describe('LocalLambdaRuntime — Node handlers', () => {
  const streamed: Array<[string, string, string]> = [];
  const runtime = new LocalLambdaRuntime({
    region: 'eu-west-1',
    baseEnvironment: { IS_LOCAL: 'true', STAGE_VAR: 'from-base' },
    onLog: (fn, requestId, line) => streamed.push([fn, requestId, line]),
  });
  afterAll(() => runtime.close());

  it('runs a CommonJS async handler and reuses the warm instance', async () => {
    const first = await runtime.invoke(nodeFn('node/handlers.hello'), { a: 1 });
    expect(ok(first)).toEqual({ message: 'hello', input: { a: 1 }, calls: 1 });
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await runtime.invoke(nodeFn('node/handlers.hello'), { a: 2 });
    expect(ok(second)).toEqual({ message: 'hello', input: { a: 2 }, calls: 2 });
  });

  it('runs callback-style handlers, context.succeed and nested methods', async () => {
    expect(ok(await runtime.invoke(nodeFn('node/handlers.callback', { key: 'cb' }), { a: 5 }))).toEqual({ via: 'callback', a: 5 });
    expect(ok(await runtime.invoke(nodeFn('node/handlers.succeed', { key: 'succeed' }), {}))).toEqual({ via: 'succeed' });
    expect(ok(await runtime.invoke(nodeFn('node/handlers.nested.deep', { key: 'nested' }), {}))).toBe('deep');
    const error = failed(await runtime.invoke(nodeFn('node/handlers.callbackError', { key: 'cbe' }), {}));
    expect(error.error).toMatchObject({ errorType: 'Error', errorMessage: 'callback failed' });
  });

  it('runs ESM handlers (.mjs and "type": "module")', async () => {
    expect(ok(await runtime.invoke(nodeFn('node/esm.handler', { key: 'esm' }), { x: 1 }))).toEqual({ esm: true, typeofRequire: 'undefined', input: { x: 1 }, thread: true });
    expect(ok(await runtime.invoke(nodeFn('esm-pkg/index.handler', { key: 'esm2' }), {}))).toEqual({ esm: 'type-module' });
  });

  it('gives the handler a Lambda context', async () => {
    const outcome = await runtime.invoke(nodeFn('node/handlers.context', { key: 'ctx' }), {}, { clientContext: { app: 'x' } });
    const payload = ok(outcome) as Record<string, unknown>;
    expect(payload).toMatchObject({
      functionName: 'svc-dev-hello',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-hello',
      memoryLimitInMB: '512',
      awsRequestId: outcome.requestId,
      logGroupName: '/aws/lambda/svc-dev-hello',
      callbackWaitsForEmptyEventLoop: true,
      clientContext: { app: 'x' },
      hasDone: true,
    });
    expect(payload.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\]/);
    expect(payload.remaining).toBeGreaterThan(5000);
    expect(payload.remaining).toBeLessThanOrEqual(6000);
  });

  it('uses a request id the caller gives', async () => {
    const outcome = await runtime.invoke(nodeFn('node/handlers.context', { key: 'ctx' }), {}, { requestId: 'chosen-id' });
    expect([outcome.requestId, (ok(outcome) as { awsRequestId: string }).awsRequestId]).toEqual(['chosen-id', 'chosen-id']);
  });

  it('gives the handler Lambda environment variables, base then function variables', async () => {
    const names = ['AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'LAMBDA_TASK_ROOT', 'AWS_LAMBDA_LOG_GROUP_NAME', 'TZ', 'IS_LOCAL', 'STAGE_VAR', 'JEST_WORKER_ID'];
    const payload = ok(await runtime.invoke(nodeFn('node/handlers.env', { key: 'env' }), { names }));
    expect(payload).toEqual({
      AWS_LAMBDA_FUNCTION_NAME: 'svc-dev-hello',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      LAMBDA_TASK_ROOT: FIXTURES,
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/svc-dev-hello',
      TZ: ':UTC',
      IS_LOCAL: 'true',
      STAGE_VAR: 'from-function',
      JEST_WORKER_ID: null, // the host's variables do not leak in
    });
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
  });

  it('captures console output per invocation, with the request id', async () => {
    const outcome = await runtime.invoke(nodeFn('node/handlers.logs', { key: 'logs' }), {});
    expect(ok(outcome)).toBe('done');
    expect(outcome.logs).toEqual(['log line { n: 1 }', 'info line', 'warn line', 'error line']);
    expect(streamed.filter(([fn, id]) => fn === 'logs' && id === outcome.requestId).map(([, , line]) => line)).toEqual(outcome.logs);
  });

  it('reports a thrown error with its type, message and stack', async () => {
    const outcome = failed(await runtime.invoke(nodeFn('node/handlers.throws', { key: 'throws' }), {}));
    expect(outcome.timedOut).toBe(false);
    expect(outcome.error.errorType).toBe('TypeError');
    expect(outcome.error.errorMessage).toBe('bad input');
    expect(outcome.error.stackTrace?.[0]).toBe('TypeError: bad input');
    expect(outcome.error.stackTrace?.join('\n')).toContain('handlers.js');
  });

  it('reports a module that fails to load, and a missing handler', async () => {
    expect(failed(await runtime.invoke(nodeFn('node/bad-init.handler', { key: 'bad' }), {})).error).toMatchObject({ errorMessage: 'broken at load' });
    expect(failed(await runtime.invoke(nodeFn('node/handlers.nope', { key: 'nope' }), {})).error.errorType).toBe('Runtime.HandlerNotFound');
    expect(failed(await runtime.invoke(nodeFn('node/missing.handler', { key: 'missing' }), {})).error.errorType).toBe('Runtime.ImportModuleError');
  });

  it('times out a handler, kills its instance and replaces it', async () => {
    const fn = nodeFn('node/handlers.spin', { key: 'spin', timeoutSeconds: 0.3 });
    const started = Date.now();
    const outcome = failed(await runtime.invoke(fn, {}));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome.timedOut).toBe(true);
    expect(outcome.error).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.30 seconds' });
    const sleepy = nodeFn('node/handlers.sleep', { key: 'spin', timeoutSeconds: 0.3 });
    expect(ok(await runtime.invoke(sleepy, { ms: 1 }))).toMatchObject({ slept: 1 });
  });

  it('survives a handler that exits its worker or throws outside the handler', async () => {
    const exit = failed(await runtime.invoke(nodeFn('node/handlers.exit', { key: 'crash' }), {}));
    expect(exit.error).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 3' });
    // What it logged just before exiting still belongs to the call.
    expect(failed(await runtime.invoke(nodeFn('node/handlers.logThenExit', { key: 'crash' }), {})).logs).toEqual(['last words']);
    const uncaught = failed(await runtime.invoke(nodeFn('node/handlers.uncaught', { key: 'crash' }), {}));
    expect(uncaught.error).toMatchObject({ errorType: 'Error', errorMessage: 'outside the handler' });
    expect(ok(await runtime.invoke(nodeFn('node/handlers.hello', { key: 'crash' }), {}))).toMatchObject({ calls: 1 });
  });

  it('starts more instances under concurrency, up to the limit, and queues the rest', async () => {
    const limited = new LocalLambdaRuntime({ region: 'us-east-1', maxInstancesPerFunction: 3 });
    try {
      const fn = nodeFn('node/handlers.sleep', { key: 'slow' });
      await limited.invoke(fn, { ms: 1 }); // one warm instance
      const started = Date.now();
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => limited.invoke(fn, { ms: 300 })));
      const elapsed = Date.now() - started;
      const callsPerThread = new Map<number, number>();
      for (const outcome of outcomes) {
        const { thread } = ok(outcome) as { thread: number };
        callsPerThread.set(thread, (callsPerThread.get(thread) ?? 0) + 1);
      }
      // Three instances (the limit) served the six calls; the other three waited (in the pool or
      // sent behind a running call), so the calls took two rounds.
      expect(callsPerThread.size).toBe(3);
      expect(elapsed).toBeGreaterThanOrEqual(590); // two rounds of three
    } finally {
      await limited.close();
    }
  });

  it('sends short calls to a running instance rather than waking idle ones; long calls each get their own', async () => {
    const pool = new LocalLambdaRuntime({ region: 'us-east-1', maxInstancesPerFunction: 4 });
    const threadsOf = async (fn: LocalFunction, event: unknown): Promise<Set<number>> => {
      const outcomes = await Promise.all(Array.from({ length: 3 }, () => pool.invoke(fn, event)));
      return new Set(outcomes.map((outcome) => (ok(outcome) as { thread: number }).thread));
    };
    try {
      const quick = nodeFn('node/handlers.whoami', { key: 'quick' });
      // Placement follows the last call's duration: a few calls past the first (cold, slower) one.
      for (let i = 0; i < 3; i += 1) await pool.invoke(quick, {});
      expect((await threadsOf(quick, {})).size).toBe(1);
      const slow = nodeFn('node/handlers.sleep', { key: 'slow' });
      await pool.invoke(slow, { ms: 20 });
      expect((await threadsOf(slow, { ms: 20 })).size).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('at the limit, sends the next call to a running instance, which starts it when the first ends, with its own timeout', async () => {
    const single = new LocalLambdaRuntime({ region: 'us-east-1', maxInstancesPerFunction: 1 });
    try {
      const fn = nodeFn('node/handlers.sleep', { key: 'queued', timeoutSeconds: 0.5 });
      await single.invoke(fn, { ms: 1 });
      // Each takes 300 ms of a 500 ms timeout: the second would time out if its clock started while it waited.
      const [first, second] = await Promise.all([single.invoke(fn, { ms: 300 }), single.invoke(fn, { ms: 300 })]);
      expect((ok(first) as { thread: number }).thread).toBe((ok(second) as { thread: number }).thread);
      expect(second.durationMs).toBeGreaterThanOrEqual(290);
    } finally {
      await single.close();
    }
  });

  it('a call waiting in an instance whose running call times out runs in a new instance', async () => {
    const single = new LocalLambdaRuntime({ region: 'us-east-1', maxInstancesPerFunction: 1 });
    try {
      const sleep = nodeFn('node/handlers.sleep', { key: 'shared', timeoutSeconds: 0.3 });
      const warm = ok(await single.invoke(sleep, { ms: 1 })) as { thread: number };
      // The short call is queued behind the one that times out (and is killed with its instance).
      const [tooLong, short] = await Promise.all([single.invoke(sleep, { ms: 5_000 }), single.invoke(sleep, { ms: 1 })]);
      expect(failed(tooLong).timedOut).toBe(true);
      expect((ok(short) as { thread: number }).thread).not.toBe(warm.thread);
    } finally {
      await single.close();
    }
  });

  it('isolates functions from each other', async () => {
    expect(ok(await runtime.invoke(nodeFn('node/handlers.global', { key: 'one' }), { value: 'mine' }))).toBe('mine');
    expect(ok(await runtime.invoke(nodeFn('node/other.global', { key: 'two' }), {}))).toBe('unset');
    expect(ok(await runtime.invoke(nodeFn('node/handlers.global', { key: 'one' }), {}))).toBe('mine');
    // Same source file, another function: still its own module instance.
    expect(ok(await runtime.invoke(nodeFn('node/handlers.global', { key: 'three' }), {}))).toBe('unset');
  });

  it('restarts a function whose definition changed (handler, environment…)', async () => {
    const fn = nodeFn('node/handlers.env', { key: 'changing', environment: { V: '1' } });
    expect(ok(await runtime.invoke(fn, { names: ['V'] }))).toEqual({ V: '1' });
    expect(ok(await runtime.invoke({ ...fn, environment: { V: '2' } }, { names: ['V'] }))).toEqual({ V: '2' });
    expect(ok(await runtime.invoke({ ...fn, handler: 'node/handlers.hello' }, {}))).toMatchObject({ calls: 1 });
  });

  it('reloads: warm instances are dropped and the module is loaded again', async () => {
    const fn = nodeFn('node/handlers.hello', { key: 'reload' });
    await runtime.invoke(fn, {});
    expect(ok(await runtime.invoke(fn, {}))).toMatchObject({ calls: 2 });
    await runtime.reload('reload');
    expect(ok(await runtime.invoke(fn, {}))).toMatchObject({ calls: 1 });
  });

  it('reaps idle instances', async () => {
    const reaping = new LocalLambdaRuntime({ region: 'us-east-1', idleTimeoutMs: 100 });
    try {
      const fn = nodeFn('node/handlers.hello', { key: 'idle' });
      await reaping.invoke(fn, {});
      expect(ok(await reaping.invoke(fn, {}))).toMatchObject({ calls: 2 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ok(await reaping.invoke(fn, {}))).toMatchObject({ calls: 1 });
    } finally {
      await reaping.close();
    }
  });
});

describe('LocalLambdaRuntime — Python handlers', () => {
  const runtime = new LocalLambdaRuntime({ region: 'eu-west-1', baseEnvironment: { IS_LOCAL: 'true' } });
  afterAll(() => runtime.close());

  it('returns a dict from a warm, long-lived process', async () => {
    const first = ok(await runtime.invoke(pyFn('handler.hello'), { a: 1 })) as { pid: number };
    expect(first).toMatchObject({ message: 'hello', input: { a: 1 }, calls: 1 });
    const second = ok(await runtime.invoke(pyFn('handler.hello'), { a: 2 })) as { pid: number };
    expect(second).toMatchObject({ input: { a: 2 }, calls: 2, pid: first.pid });
  });

  it('imports handlers from packages (dir/pkg/mod.handler)', async () => {
    expect(ok(await runtime.invoke(pyFn('pkg/mod.handler', { key: 'pkg' }), {}))).toEqual({ nested: true });
  });

  it('captures print and stderr as logs without breaking the protocol', async () => {
    const outcome = await runtime.invoke(pyFn('handler.logs', { key: 'pylogs' }), {});
    expect(ok(outcome)).toBe('done');
    expect(outcome.logs).toEqual(['printed line', 'to stderr']);
  });

  it('reports a raised exception with type, message and traceback', async () => {
    const outcome = failed(await runtime.invoke(pyFn('handler.raises', { key: 'pyraise' }), {}));
    expect(outcome.error.errorType).toBe('ValueError');
    expect(outcome.error.errorMessage).toBe('bad value');
    expect(outcome.error.stackTrace?.join('')).toContain('handler.py');
    expect(outcome.error.stackTrace?.join('')).not.toContain('bootstrap.py');
  });

  it('times out, kills the process and replaces it', async () => {
    const fn = pyFn('handler.sleep', { key: 'pysleep', timeoutSeconds: 0.5 });
    const outcome = failed(await runtime.invoke(fn, { seconds: 5 }));
    expect(outcome).toMatchObject({ timedOut: true, error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.50 seconds' } });
    expect(ok(await runtime.invoke(fn, { seconds: 0 }))).toBe('slept');
  });

  it('survives a handler that exits its process', async () => {
    const outcome = failed(await runtime.invoke(pyFn('handler.exits', { key: 'pyexit' }), {}));
    expect(outcome.error).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect(outcome.error.errorMessage).toContain('exit status 4');
    expect(ok(await runtime.invoke(pyFn('handler.hello', { key: 'pyexit' }), {}))).toMatchObject({ calls: 1 });
  });

  it('gives the handler a Lambda context and environment', async () => {
    const outcome = await runtime.invoke(pyFn('handler.ctx', { key: 'pyctx' }), { names: ['AWS_LAMBDA_FUNCTION_NAME', 'IS_LOCAL', 'STAGE_VAR', 'TZ'] }, { clientContext: { c: 1 } });
    const payload = ok(outcome) as Record<string, unknown>;
    expect(payload).toMatchObject({
      function_name: 'svc-dev-py',
      function_version: '$LATEST',
      invoked_function_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-py',
      memory_limit_in_mb: '512',
      aws_request_id: outcome.requestId,
      log_group_name: '/aws/lambda/svc-dev-py',
      client_context: { c: 1 },
      env: { AWS_LAMBDA_FUNCTION_NAME: 'svc-dev-py', IS_LOCAL: 'true', STAGE_VAR: 'from-function', TZ: ':UTC' },
    });
    expect(payload.remaining).toBeGreaterThan(5000);
  });

  it('reports a module that cannot be imported', async () => {
    const outcome = failed(await runtime.invoke(pyFn('nothere.handler', { key: 'pymissing' }), {}));
    expect(outcome.error.errorType).toBe('Runtime.ImportModuleError');
    expect(outcome.error.errorMessage).toContain("Unable to import module 'python.nothere'");
  });
});

describe('LocalLambdaRuntime — event codecs', () => {
  const runtime = new LocalLambdaRuntime({ region: 'eu-west-1', baseEnvironment: { IS_LOCAL: 'true' }, codecs: { wrap: path.join(FIXTURES, 'codec', 'wrap-codec.cjs') } });
  afterAll(() => runtime.close());

  it('applies the codec inside a Node worker, to the result as Lambda serialises it', async () => {
    const payload = ok(await runtime.invoke(nodeFn('node/handlers.dated', { key: 'dated' }), ['GET', '/x'], { codec: 'wrap' }));
    expect(payload).toEqual({ encodedIn: 'worker', result: { event: { names: ['IS_LOCAL'], compact: ['GET', '/x'], decodedIn: 'worker' }, at: '1970-01-01T00:00:00.000Z' } });
  });

  it('applies it in the calling thread for Python handlers', async () => {
    const payload = ok(await runtime.invoke(pyFn('handler.hello'), 7, { codec: 'wrap' })) as { encodedIn: string; result: { input: unknown } };
    expect(payload.encodedIn).toBe('main');
    expect(payload.result.input).toEqual({ names: ['IS_LOCAL'], compact: 7, decodedIn: 'main' });
  });

  it('leaves handler errors as they are, and rejects an unknown codec name', async () => {
    expect(failed(await runtime.invoke(nodeFn('node/handlers.throws', { key: 'throws' }), {}, { codec: 'wrap' })).error).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    await expect(runtime.invoke(nodeFn('node/handlers.hello'), {}, { codec: 'nope' })).rejects.toThrow('No event codec named "nope"');
  });
});

describe('embedded sources', () => {
  it('match runtime/node-worker.cjs and python/bootstrap.py (run `pnpm embed` after editing them)', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const { NODE_WORKER_SOURCE, PYTHON_BOOTSTRAP_SOURCE } = jest.requireActual<typeof import('./embedded-sources')>('./embedded-sources');
    expect(NODE_WORKER_SOURCE).toBe(readFileSync(path.join(__dirname, '..', 'runtime', 'node-worker.cjs'), 'utf8'));
    expect(PYTHON_BOOTSTRAP_SOURCE).toBe(readFileSync(path.join(__dirname, '..', 'python', 'bootstrap.py'), 'utf8'));
  });
});
