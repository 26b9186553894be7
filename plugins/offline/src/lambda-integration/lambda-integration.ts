/**
 * A route with `integration: lambda`: its request and response mappings, compiled once at
 * start-up (templates, patterns, headers), applied per request.
 */
import type { InvokeOutcome, LocalFunction } from '@stratus/lambda-runtime';
import type { ProxyEvent } from '../event-builder';
import type { Route } from '../routes';
import type { HttpReply } from '../response-mapper';
import { compileRequestMapping, type MappedRequest } from './request-mapping';
import { compileResponseMapping } from './response-mapping';
import { readHandlerTemplate } from './template-files';

export interface LambdaIntegration {
  /** The function's event, or API Gateway's reply when there is none (415, 400, 500). `mediaType` is lower case, without parameters. */
  mapRequest(request: ProxyEvent, body: string, mediaType: string, onProblem: (reason: string) => void): MappedRequest;
  /** The HTTP response for the function's outcome. */
  mapResponse(outcome: InvokeOutcome, request: ProxyEvent, onProblem: (reason: string) => void): HttpReply;
  /**
   * `async: true` routes: the response once Lambda accepted the event (it runs on without the caller).
   * `requestId`: the invocation's (what `integration.response.header.x-amzn-RequestId` reads).
   */
  mapAccepted(request: ProxyEvent, onProblem: (reason: string) => void, requestId: string): HttpReply;
}

export interface LambdaIntegrationReporting {
  /** Names the route in messages: `functions.<key> (<METHOD> <resource>)`. */
  where: string;
  /** For problems found at start-up (templates, patterns, headers). */
  warn: (message: string) => void;
  /** For problems found while serving (a JSONPath offline cannot evaluate), once each. */
  warnOnRequest: (message: string) => void;
}

export function compileLambdaIntegration(route: Route, fn: LocalFunction, { where, warn, warnOnRequest }: LambdaIntegrationReporting): LambdaIntegration {
  const request = compileRequestMapping({ event: route.event, where, handlerTemplate: readHandlerTemplate(fn.codeDir, fn.handler, 'req') }, warn);
  const response = compileResponseMapping({ response: route.event.response, where, handlerTemplate: readHandlerTemplate(fn.codeDir, fn.handler, 'res') }, warn);
  // Said once per path, not once per request.
  const reported = new Set<string>();
  const onUnsupportedPath = (path: string): void => {
    if (reported.has(path)) return;
    reported.add(path);
    warnOnRequest(
      `${where}: the JSONPath "${path}" is not one offline evaluates (invalid syntax, a function such as length(), a filter that does not parse ` +
        'or uses a Jayway-only operator such as in or =~, a negative index in a union); it gives nothing.',
    );
  };
  return {
    mapRequest: (event, body, mediaType, onProblem) => request.map(event, body, mediaType, onProblem, onUnsupportedPath),
    mapResponse: (outcome, event, onProblem) => response.map(outcome, event, onProblem, onUnsupportedPath),
    mapAccepted: (event, onProblem, requestId) => response.mapAccepted(event, onProblem, onUnsupportedPath, requestId),
  };
}
