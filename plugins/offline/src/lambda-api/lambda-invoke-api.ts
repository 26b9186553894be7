import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { Logger } from '@stratus/core';
import type { InvokeOptions, InvokeOutcome, LocalFunction } from '@stratus/lambda-runtime';
import { closeServer, listen, readBody, urlOf } from './listen';

/** What the Invoke API needs from the local runtime (a `LocalLambdaRuntime`, or a test double). */
export interface InvokeRuntime {
  invoke(fn: LocalFunction, event: unknown, options?: InvokeOptions): Promise<InvokeOutcome>;
}

export interface LambdaInvokeApiOptions {
  /** Bind address (offline's `--host`). */
  host: string;
  /** `--lambdaPort` (3002 by default in the plugin); 0 picks a free port. */
  port: number;
  runtime: InvokeRuntime;
  /** A function by deployed name (`svc-dev-hello`) or key (`hello`); undefined when there is none. */
  resolveFunction(nameOrKey: string): LocalFunction | undefined;
  log: Pick<Logger, 'notice' | 'warning' | 'error'>;
  /** `--noTimeout`. */
  noTimeout?: boolean;
}

export interface LambdaInvokeApi {
  /** `http://host:port`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Lambda's synchronous payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** `X-Amz-Log-Result` holds the last 4 KB of the log. */
const LOG_TAIL_BYTES = 4096;
const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
const INVOKE_ASYNC_PATH = /^\/2014-11-13\/functions\/([^/]+)\/invoke-async\/?$/;

/**
 * A function name as the SDK sends it (URL-encoded): a name or key, `name:qualifier`, a partial ARN
 * (`123456789012:function:name[:qualifier]`) or a full ARN → the name and the qualifier.
 */
export function parseFunctionName(raw: string): { name: string; qualifier?: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  const parts = decoded.split(':');
  let name: string;
  let qualifier: string | undefined;
  if (decoded.startsWith('arn:')) [name = '', qualifier] = [parts[6], parts[7]];
  else if (parts[1] === 'function') [name = '', qualifier] = [parts[2], parts[3]];
  else [name = '', qualifier] = [parts[0], parts[1]];
  return qualifier === undefined ? { name } : { name, qualifier };
}

/** The last `limit` bytes of the log lines, cut on a character boundary, base64. */
export function logTail(lines: string[], limit = LOG_TAIL_BYTES): string {
  const bytes = Buffer.from(lines.map((line) => (line.endsWith('\n') ? line : `${line}\n`)).join(''), 'utf8');
  let start = Math.max(0, bytes.length - limit);
  // Skip UTF-8 continuation bytes so the tail decodes cleanly.
  while (start < bytes.length && ((bytes[start] as number) & 0xc0) === 0x80) start += 1;
  return bytes.subarray(start).toString('base64');
}

function logLines(fn: LocalFunction, outcome: InvokeOutcome): string[] {
  const billed = Math.max(1, Math.ceil(outcome.durationMs));
  return [
    `START RequestId: ${outcome.requestId} Version: $LATEST`,
    ...outcome.logs,
    `END RequestId: ${outcome.requestId}`,
    `REPORT RequestId: ${outcome.requestId}\tDuration: ${outcome.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${fn.memorySize} MB\t`,
  ];
}

function send(response: http.ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  const text = body ?? '';
  response.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
  response.end(text);
}

/** An error as Lambda's REST-JSON API answers one: the type in `x-amzn-ErrorType`, the message in the body. */
function sendError(response: http.ServerResponse, status: number, type: string, message: string, requestId: string): void {
  send(response, status, { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': type }, JSON.stringify({ Type: 'User', message }));
}

const header = (request: http.IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Starts the Lambda Invoke API (`POST /2015-03-31/functions/{FunctionName}/invocations`) so the
 * AWS SDK (`new LambdaClient({ endpoint })`) and other services call local functions as in AWS.
 */
export async function startLambdaInvokeApi(options: LambdaInvokeApiOptions): Promise<LambdaInvokeApi> {
  const { runtime, resolveFunction, log } = options;
  const background = new Set<Promise<void>>();

  const invokeInBackground = (fn: LocalFunction, event: unknown, invokeOptions: InvokeOptions): void => {
    const running = runtime
      .invoke(fn, event, invokeOptions)
      .then((outcome) => {
        if (!outcome.ok) log.error(`(λ: ${fn.key}) asynchronous invocation failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      })
      .catch((error: unknown) => log.error(`(λ: ${fn.key}) asynchronous invocation failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => background.delete(running));
    background.add(running);
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const invokeMatch = INVOKE_PATH.exec(url.pathname);
    const asyncMatch = invokeMatch ? null : INVOKE_ASYNC_PATH.exec(url.pathname);
    const match = invokeMatch ?? asyncMatch;
    if (!match || request.method !== 'POST') {
      request.resume();
      sendError(response, 404, 'UnknownOperationException', `No Lambda operation for ${request.method} ${url.pathname}; this endpoint serves Invoke (POST /2015-03-31/functions/{FunctionName}/invocations).`, requestId);
      return;
    }
    const body = await readBody(request, MAX_PAYLOAD_BYTES);
    const { name } = parseFunctionName(match[1] as string);
    const fn = resolveFunction(name);
    if (!fn) {
      sendError(response, 404, 'ResourceNotFoundException', `Function not found: ${name}`, requestId);
      return;
    }
    if (body === undefined) {
      sendError(response, 413, 'RequestTooLargeException', `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`, requestId);
      return;
    }
    let event: unknown = {};
    const text = body.toString('utf8');
    if (text.trim() !== '') {
      try {
        event = JSON.parse(text);
      } catch {
        sendError(response, 400, 'InvalidRequestContentException', 'Could not parse request body into json: the payload is not valid JSON.', requestId);
        return;
      }
    }
    const invokeOptions: InvokeOptions = {};
    if (options.noTimeout) invokeOptions.noTimeout = true;

    if (asyncMatch) {
      // Legacy InvokeAsync: always in the background.
      invokeInBackground(fn, event, invokeOptions);
      send(response, 202, { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId }, JSON.stringify({ Status: 202 }));
      return;
    }

    const invocationType = header(request, 'x-amz-invocation-type') ?? 'RequestResponse';
    if (!INVOCATION_TYPES.includes(invocationType)) {
      sendError(response, 400, 'ValidationException', `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`, requestId);
      return;
    }
    const clientContext = header(request, 'x-amz-client-context');
    if (clientContext !== undefined && clientContext !== '') {
      try {
        const parsed: unknown = JSON.parse(Buffer.from(clientContext, 'base64').toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
        invokeOptions.clientContext = parsed;
      } catch {
        sendError(response, 400, 'InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.', requestId);
        return;
      }
    }
    const common = { 'x-amzn-RequestId': requestId, 'X-Amz-Executed-Version': '$LATEST' };
    if (invocationType === 'DryRun') {
      send(response, 204, common);
      return;
    }
    if (invocationType === 'Event') {
      invokeInBackground(fn, event, invokeOptions);
      send(response, 202, common);
      return;
    }

    const outcome = await runtime.invoke(fn, event, invokeOptions);
    const headers: Record<string, string> = { ...common, 'Content-Type': 'application/json', 'x-amzn-RequestId': outcome.requestId };
    if (header(request, 'x-amz-log-type') === 'Tail') headers['X-Amz-Log-Result'] = logTail(logLines(fn, outcome));
    if (outcome.ok) {
      send(response, 200, headers, outcome.payload === undefined ? 'null' : JSON.stringify(outcome.payload));
      return;
    }
    headers['X-Amz-Function-Error'] = 'Unhandled';
    const { errorType, errorMessage, stackTrace } = outcome.error;
    send(response, 200, headers, JSON.stringify({ errorType, errorMessage, trace: stackTrace ?? [] }));
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error(`Lambda Invoke API: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendError(response, 500, 'ServiceException', 'Internal error in the local Lambda Invoke API.', randomUUID());
      else response.end();
    });
  });
  const port = await listen(server, options.host, options.port, 'Lambda Invoke API', '--lambdaPort');
  const url = urlOf(options.host, port);
  return {
    url,
    port,
    // Background (`Event`) invocations are left to the runtime, whose own close ends them.
    close: () => closeServer(server),
  };
}
