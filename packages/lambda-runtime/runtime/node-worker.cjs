'use strict';
// One warm instance of a Node.js Lambda function, run inside a worker thread.
// Plain CommonJS, embedded into src/embedded-sources.ts (scripts/embed-sources.cjs) and run with
// `new Worker(source, { eval: true })`, so it also works inside the CLI's one-file bundle.
//
// Protocol (structured-clone messages; requests on parentPort, everything else on `workerData.replies`,
// a port of its own so the parent can read a burst of replies in one go):
//   parent → worker  { id, event, deadline, timeoutMs, clientContext, codec? }  (run in order of arrival)
//                    or an array of them (the requests the parent sent in one event-loop turn)
//                    codec: path of a module { decodeEvent(input), encodeResult(result) } applied here:
//                    `event` is then its compact input, and the result goes back encoded
//   worker → parent  { t: 'ready' } | { t: 'initError', error }
//                    { t: 'log', id, line }
//                    { t: 'result', id, payload, ms }   payload: JSON text (Lambda serialises the result)
//                    { t: 'result', id, payload, ms, encoded: true }   payload: the codec's encodeResult output
//                    { t: 'error', id, error, ms }      error: { errorType, errorMessage, stackTrace }
//                    ms: how long the call ran here (from its start to its answer)
const { parentPort, workerData } = require('node:worker_threads');
const { format } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

// Kept for loading event codecs (absolute paths), before the globals below are removed.
const loadCodecModule = require;

// Run with `eval: true`, this script's `require`, `module`… are globals: keep them from handlers
// (an ESM handler must not see `require`, as in Lambda).
for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) {
  if (Object.getOwnPropertyDescriptor(globalThis, name)?.configurable) delete globalThis[name];
}

const { codeDir, handler, fn, replies } = workerData;
let currentId = null;

function emitLog(args) {
  replies.postMessage({ t: 'log', id: currentId, line: format(...args) });
}
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  console[method] = (...args) => emitLog(args);
}

function toError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      stackTrace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  // `callback('boom')` / `throw 'boom'`: Lambda reports the JS type as the error type.
  return { errorType: typeof error, errorMessage: typeof error === 'string' ? error : JSON.stringify(error) };
}

/** `dir/file.method` (or `file.a.b`): the module is before the first dot of the last segment. */
function splitHandler(spec) {
  const slash = spec.lastIndexOf('/');
  const dot = spec.indexOf('.', slash + 1);
  if (dot < 0) throw Object.assign(new Error(`Bad handler "${spec}": expected "file.method"`), { name: 'Runtime.MalformedHandlerName' });
  return { modulePath: spec.slice(0, dot), methodPath: spec.slice(dot + 1).split('.') };
}

function resolveModuleFile(modulePath) {
  const base = path.resolve(codeDir, modulePath);
  for (const extension of ['.js', '.mjs', '.cjs']) if (fs.existsSync(base + extension)) return base + extension;
  const error = new Error(`Cannot find module '${modulePath}' in ${codeDir} (tried .js, .mjs, .cjs)`);
  error.name = 'Runtime.ImportModuleError';
  throw error;
}

async function loadHandler() {
  const { modulePath, methodPath } = splitHandler(handler);
  const file = resolveModuleFile(modulePath);
  // import() loads CommonJS too (module.exports becomes `default`), and ESM by extension or
  // by the nearest package.json "type".
  const namespace = await import(pathToFileURL(file).href);
  const pick = (root) => methodPath.reduce((value, key) => (value == null ? undefined : value[key]), root);
  let method = pick(namespace);
  if (typeof method !== 'function' && namespace.default) method = pick(namespace.default);
  if (typeof method !== 'function') {
    const error = new Error(`${modulePath}.${methodPath.join('.')} is undefined or not exported`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return method;
}

function makeContext(request, settle) {
  return {
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memorySize),
    awsRequestId: request.id,
    logGroupName: fn.logGroupName,
    logStreamName: fn.logStreamName,
    identity: undefined,
    clientContext: request.clientContext,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, request.deadline - Date.now()),
    done: (error, result) => settle(error, result),
    succeed: (result) => settle(null, result),
    fail: (error) => settle(error ?? new Error('handled'), undefined),
  };
}

const codecs = new Map();
function codecOf(codecPath) {
  let codec = codecs.get(codecPath);
  if (!codec) {
    codec = loadCodecModule(codecPath);
    codecs.set(codecPath, codec);
  }
  return codec;
}

function invoke(method, request) {
  let codec;
  const startedAt = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error, result) => {
      if (settled) return;
      settled = true;
      const ms = performance.now() - startedAt;
      if (error !== null && error !== undefined) {
        replies.postMessage({ t: 'error', id: request.id, error: toError(error), ms });
        return resolve();
      }
      let payload;
      try {
        payload = JSON.stringify(result === undefined ? null : result);
      } catch (serialiseError) {
        replies.postMessage({ t: 'error', id: request.id, error: toError(serialiseError), ms });
        return resolve();
      }
      if (codec) replies.postMessage({ t: 'result', id: request.id, payload: codec.encodeResult(JSON.parse(payload)), ms, encoded: true });
      else replies.postMessage({ t: 'result', id: request.id, payload, ms });
      resolve();
    };
    const context = makeContext(request, settle);
    let returned;
    try {
      codec = request.codec ? codecOf(request.codec) : undefined;
      returned = method(codec ? codec.decodeEvent(request.event) : request.event, context, settle);
    } catch (error) {
      return settle(error);
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((result) => settle(null, result), (error) => settle(error ?? new Error('Promise rejected')));
    } else if (method.length < 3) {
      // Neither a promise nor a callback-style handler: let a synchronous `context.succeed` win,
      // then answer with what it returned (Lambda would answer null once the event loop drains).
      setImmediate(() => settle(null, returned));
    }
  });
}

(async () => {
  let method;
  try {
    method = await loadHandler();
  } catch (error) {
    replies.postMessage({ t: 'initError', error: toError(error) });
    return;
  }
  // Requests may arrive while one runs (the parent pipelines them): run them one at a time, in
  // order, each with its own deadline counted from its start.
  const queue = [];
  let running = false;
  const drain = async () => {
    running = true;
    for (let request = queue.shift(); request; request = queue.shift()) {
      currentId = request.id;
      request.deadline = Date.now() + request.timeoutMs;
      await invoke(method, request);
    }
    currentId = null;
    running = false;
  };
  // The parent sends the requests of one event-loop turn together (an array), one message otherwise.
  parentPort.on('message', (message) => {
    if (Array.isArray(message)) queue.push(...message);
    else queue.push(message);
    if (!running) void drain();
  });
  replies.postMessage({ t: 'ready' });
})();
