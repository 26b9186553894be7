import type { IncomingHttpHeaders } from 'node:http';
import type { HttpEvent } from '@stratus/event-http';
import { jsonReply, type HttpReply } from '../response-mapper';

/**
 * The query string and header parameters a route marks `required`. v3 attaches a request
 * validator to such a method, so API Gateway refuses a request without them (path parameters are
 * always there once the route matched).
 */
export interface RequiredParameters {
  querystrings: string[];
  headers: string[];
}

export function requiredParametersOf(event: HttpEvent): RequiredParameters | undefined {
  const parameters = event.request?.parameters;
  if (!parameters) return undefined;
  const required = (location: Record<string, { required: boolean }>): string[] => Object.entries(location).filter(([, parameter]) => parameter.required).map(([name]) => name);
  const result = { querystrings: required(parameters.querystrings), headers: required(parameters.headers) };
  return result.querystrings.length + result.headers.length > 0 ? result : undefined;
}

/** The required parameters the request lacks, headers matched case-insensitively, in declaration order (query strings first). */
export function missingParameters(required: RequiredParameters, search: string, headers: IncomingHttpHeaders): string[] {
  const query = new URLSearchParams(search);
  return [...required.querystrings.filter((name) => !query.has(name)), ...required.headers.filter((name) => headers[name.toLowerCase()] === undefined)];
}

export const missingParametersReply = (names: string[]): HttpReply =>
  jsonReply(400, { message: `Missing required request parameters: [${names.join(', ')}]` }, { 'x-amzn-ErrorType': 'BadRequestException' });
