/**
 * The headers of the Lambda Invoke API response API Gateway gets from a `lambda` integration — what
 * `integration.response.header.<Name>` reads. Offline there is no such response, so they are made
 * from the invocation, when a header mapping first asks (most routes never do).
 */
import { randomBytes } from 'node:crypto';
import type { InvokeOutcome } from '@stratus/lambda-runtime';

/** A header of the response by lower-case name; undefined when Lambda would not send it. */
export type InvocationHeaders = (lowerCaseName: string) => string | undefined;

/** `root=1-<epoch seconds, 8 hex>-<24 random hex>;sampled=0`, as Lambda answers an untraced call. */
export function traceId(now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000).toString(16).padStart(8, '0');
  return `root=1-${seconds}-${randomBytes(12).toString('hex')};sampled=0`;
}

/** Built on first lookup, once: two headers mapped from the trace id get the same one. */
function lazily(build: () => Array<[string, string]>): InvocationHeaders {
  let headers: Map<string, string> | undefined;
  return (name) => (headers ??= new Map(build())).get(name);
}

/** A `RequestResponse` invocation's response (Lambda's 200, a function error included). */
export function invokedHeaders(outcome: InvokeOutcome): InvocationHeaders {
  return lazily(() => {
    const now = new Date();
    const headers: Array<[string, string]> = [
      ['x-amzn-requestid', outcome.requestId],
      ['x-amz-executed-version', '$LATEST'],
      ['content-type', 'application/json'],
      ['date', now.toUTCString()],
      ['x-amzn-trace-id', traceId(now)],
    ];
    if (!outcome.ok) headers.push(['x-amz-function-error', 'Unhandled']);
    return headers;
  });
}

/** An `Event` invocation's response (Lambda's 202, no payload). */
export function acceptedHeaders(requestId: string): InvocationHeaders {
  return lazily(() => {
    const now = new Date();
    return [
      ['x-amzn-requestid', requestId],
      ['x-amzn-trace-id', traceId(now)],
      ['date', now.toUTCString()],
    ];
  });
}
