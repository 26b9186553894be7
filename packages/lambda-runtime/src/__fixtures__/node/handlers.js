'use strict';
let calls = 0;
exports.hello = async (event) => ({ message: 'hello', input: event, calls: ++calls });
exports.callback = (event, context, callback) => { setTimeout(() => callback(null, { via: 'callback', a: event.a }), 5); };
exports.callbackError = (event, context, callback) => callback(new Error('callback failed'));
exports.succeed = (event, context) => { context.succeed({ via: 'succeed' }); };
exports.context = async (event, context) => {
  const remaining = context.getRemainingTimeInMillis();
  return {
    functionName: context.functionName, functionVersion: context.functionVersion, invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB, awsRequestId: context.awsRequestId, logGroupName: context.logGroupName,
    logStreamName: context.logStreamName, remaining, callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    clientContext: context.clientContext, hasDone: typeof context.done === 'function',
  };
};
exports.env = async (event) => Object.fromEntries(event.names.map((name) => [name, process.env[name] ?? null]));
exports.logs = async () => { console.log('log line', { n: 1 }); console.info('info line'); console.warn('warn line'); console.error('error line'); return 'done'; };
exports.throws = async () => { const error = new TypeError('bad input'); throw error; };
exports.sleep = async (event) => { await new Promise((resolve) => setTimeout(resolve, event.ms)); return { slept: event.ms, pid: process.pid, thread: require('node:worker_threads').threadId }; };
exports.whoami = async () => ({ thread: require('node:worker_threads').threadId });
exports.spin = () => { for (;;) {} };
exports.exit = async () => { process.exit(3); };
exports.logThenExit = async () => { console.log('last words'); process.exit(3); };
exports.uncaught = async () => { setTimeout(() => { throw new Error('outside the handler'); }, 1); await new Promise((resolve) => setTimeout(resolve, 1000)); return 'unreachable'; };
exports.global = async (event) => { if (event.value) globalThis.shared = event.value; return globalThis.shared === undefined ? 'unset' : globalThis.shared; };
exports.nested = { deep: async () => 'deep' };
exports.dated = async (event) => ({ event, at: new Date(0), skipped: undefined });
