import type { OutgoingHttpHeaders } from 'node:http';
import type { InvokeOutcome } from '@stratus/lambda-runtime';
import { headerProblem } from './header-validity';

/** What the server writes back. */
export interface HttpReply {
  statusCode: number;
  headers: OutgoingHttpHeaders;
  /** A Uint8Array when it crossed from a worker thread. */
  body: string | Buffer | Uint8Array;
}

/** A JSON reply as API Gateway's own errors look (`{"message": …}`). */
export function jsonReply(statusCode: number, payload: unknown, headers: OutgoingHttpHeaders = {}): HttpReply {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) };
}

/** API Gateway's answer when the integration fails (a thrown error, a malformed result). */
export const internalServerError = (): HttpReply => jsonReply(502, { message: 'Internal server error' }, { 'x-amzn-ErrorType': 'InternalServerErrorException' });
/** API Gateway's answer after its 29 s integration timeout (or the function's, whichever is first). */
export const endpointTimeout = (): HttpReply => jsonReply(504, { message: 'Endpoint request timed out' }, { 'x-amzn-ErrorType': 'InternalServerErrorException' });

export type MappingProblem = undefined | string;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A handler's result mapped to the response, or why API Gateway would refuse it (plain data: built in workers too). */
export type MappedProxyResult = { reply: HttpReply; problem?: undefined } | { problem: string; reply?: undefined };

/**
 * The HTTP response for a lambda-proxy invocation, following API Gateway: a failed or timed-out
 * invocation, a result that is not an object, a non-string body or a bad status code are all
 * `502 {"message": "Internal server error"}` (the reason goes to `onProblem`, for the log).
 * `mapped`: the payload is already `mapProxyResult`'s output (mapped in the handler's worker).
 */
export function mapProxyOutcome(outcome: InvokeOutcome, onProblem: (reason: string) => void, mapped = false): HttpReply {
  if (!outcome.ok) {
    if (outcome.timedOut) {
      onProblem(outcome.error.errorMessage);
      return endpointTimeout();
    }
    onProblem(`${outcome.error.errorType}: ${outcome.error.errorMessage}`);
    return internalServerError();
  }
  const result = mapped ? (outcome.payload as MappedProxyResult) : mapProxyResult(outcome.payload);
  if (result.reply) return result.reply;
  onProblem(result.problem);
  return internalServerError();
}

/** The response for a successful invocation's result (as Lambda serialised it). */
export function mapProxyResult(result: unknown): MappedProxyResult {
  if (!isRecord(result)) {
    return { problem: `the handler returned ${result === undefined || result === null ? String(result) : typeof result}, not an object with statusCode and body` };
  }
  const { body, statusCode = 200 } = result;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { problem: 'the response body must be a string (use JSON.stringify)' };
  }
  const status = typeof statusCode === 'string' ? Number(statusCode) : statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return { problem: `invalid statusCode ${JSON.stringify(statusCode)}` };
  }
  const headers: OutgoingHttpHeaders = {};
  // API Gateway refuses a response whose headers cannot be sent ("Malformed Lambda proxy response").
  let malformed: string | undefined;
  if (isRecord(result.multiValueHeaders)) {
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(values)) continue;
      const texts = values.map(String);
      for (const text of texts) malformed ??= headerProblem(name, text);
      headers[name.toLowerCase()] = texts;
    }
  }
  if (isRecord(result.headers)) {
    // As API Gateway: single-value headers are merged over multi-value ones of the same name.
    for (const [name, value] of Object.entries(result.headers)) {
      if (value === undefined || value === null) continue;
      const text = String(value);
      malformed ??= headerProblem(name, text);
      headers[name.toLowerCase()] = text;
    }
  }
  if (malformed !== undefined) return { problem: `malformed Lambda proxy response: ${malformed}` };
  if (headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  const text = typeof body === 'string' ? body : '';
  return { reply: { statusCode: status, headers, body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : text } };
}
