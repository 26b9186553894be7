/**
 * The response side of a `lambda` integration: the function's result (or error) → the HTTP
 * response, through the selected status code's headers and response template.
 */
import type { HttpResponse, HttpStatusCode } from '@stratus/event-http';
import type { InvokeOutcome } from '@stratus/lambda-runtime';
import type { ProxyEvent } from '../event-builder';
import { mediaTypeOf } from '../media-type';
import type { HttpReply } from '../response-mapper';
import type { MappingTemplate } from '../vtl/mapping-template';
import { acceptOf, chooseTemplate } from './accept-header';
import { compileOrReport } from './compile-template';
import { mappingFailed } from './gateway-replies';
import { acceptedHeaders, invokedHeaders, type InvocationHeaders } from './invocation-headers';
import { applyResponseHeaders, compileResponseHeaders, type CompiledHeaders, type HeaderEntry, type ResponseHeaders } from './response-headers';
import { compileStatusSelector, type StatusRule } from './status-selection';
import { templateVariables } from './template-variables';

export interface ResponseMappingSource {
  response: HttpResponse | undefined;
  /** `<handler file>.res.vm`, when there is one: the `application/json` template unless the event sets one. */
  handlerTemplate?: { source: string; file: string } | undefined;
  /** `functions.<key> (<METHOD> <resource>)`, for messages. */
  where: string;
}

export interface ResponseMapping {
  map(outcome: InvokeOutcome, request: ProxyEvent, onProblem: (reason: string) => void, onUnsupportedPath: (path: string) => void): HttpReply;
  /**
   * `async: true`: Lambda accepted the event (202, no payload); the success response with an empty body.
   * `requestId`: the invocation's.
   */
  mapAccepted(request: ProxyEvent, onProblem: (reason: string) => void, onUnsupportedPath: (path: string) => void, requestId: string): HttpReply;
}

/** What a status code's responses look like: their headers, and their templates by media type (none: the payload passes through). */
interface ResponseShape {
  headers: ResponseHeaders;
  /** Lower-case media type → template, in the order defined. */
  templates: ReadonlyMap<string, MappingTemplate>;
}

/** Lambda's error payload. */
const errorPayload = (error: { errorMessage: string; errorType: string; stackTrace?: string[] }): string =>
  JSON.stringify({ errorMessage: error.errorMessage, errorType: error.errorType, stackTrace: error.stackTrace ?? [] });

const headerEntries = (headers: Record<string, string> | undefined, prefix: string): HeaderEntry[] =>
  Object.entries(headers ?? {}).map(([name, expression]) => ({ name, expression, key: `${prefix}.${name}` }));

/** Compiles the route's response headers and templates once, for every status code. */
export function compileResponseMapping(source: ResponseMappingSource, warn: (message: string) => void): ResponseMapping {
  const { response, where } = source;
  const selector = compileStatusSelector(response, where, warn);
  const compiledHeaders: CompiledHeaders = new Map();
  const commonHeaders = headerEntries(response?.headers, 'response.headers');

  const shapeOf = (config: HttpStatusCode, code: string): ResponseShape => {
    const headers = compileResponseHeaders([...commonHeaders, ...headerEntries(config.headers, `response.statusCodes.${code}.headers`)], where, warn, compiledHeaders);
    // As v3 deploys it: response.template (here also a .res.vm) for application/json, the status code's own templates over it.
    const sources = new Map<string, { text: string; label: string }>();
    if (response?.template !== undefined) sources.set('application/json', { text: response.template, label: `${where}: response.template` });
    else if (source.handlerTemplate) sources.set('application/json', { text: source.handlerTemplate.source, label: source.handlerTemplate.file });
    if (typeof config.template === 'string') sources.set('application/json', { text: config.template, label: `${where}: response.statusCodes.${code}.template` });
    else for (const [type, text] of Object.entries(config.template ?? {})) sources.set(mediaTypeOf(type), { text, label: `${where}: response.statusCodes.${code}.template['${type}']` });
    const templates = new Map<string, MappingTemplate>();
    for (const [type, { text, label }] of sources) templates.set(type, compileOrReport(text, label, warn));
    return { headers, templates };
  };

  const shapes = new Map<HttpStatusCode, ResponseShape>();
  for (const [code, config] of Object.entries(response?.statusCodes ?? {})) shapes.set(config, shapeOf(config, code));
  // For a [NNN] status no response declares.
  const undeclared = shapeOf({ pattern: '' }, 'default');

  const reply = (rule: StatusRule, payload: string, invocationHeaders: InvocationHeaders, request: ProxyEvent, onProblem: (reason: string) => void, onUnsupportedPath: (path: string) => void): HttpReply => {
    const shape = shapes.get(rule.config) ?? undeclared;
    const chosen = chooseTemplate(shape.templates, shape.templates.size > 1 ? acceptOf(request) : undefined);
    let body = payload;
    if (chosen) {
      try {
        body = chosen.template.render(templateVariables(request, payload, onUnsupportedPath));
      } catch (error) {
        onProblem(`the ${chosen.mediaType} response template failed: ${error instanceof Error ? error.message : String(error)}`);
        return mappingFailed();
      }
    }
    const headers = applyResponseHeaders(shape.headers, { payload, invocationHeaders, request, onUnsupportedPath, onProblem });
    // A configured Content-Type wins; else the template's media type, as API Gateway answers.
    headers['content-type'] ??= chosen?.mediaType ?? 'application/json';
    return { statusCode: rule.statusCode, headers, body };
  };

  return {
    map(outcome, request, onProblem, onUnsupportedPath) {
      if (outcome.ok) return reply(selector.success, JSON.stringify(outcome.payload) ?? 'null', invokedHeaders(outcome), request, onProblem, onUnsupportedPath);
      const rule = selector.forError(outcome.error.errorMessage);
      onProblem(`${outcome.error.errorType}: ${outcome.error.errorMessage} → ${rule.statusCode}`);
      return reply(rule, errorPayload(outcome.error), invokedHeaders(outcome), request, onProblem, onUnsupportedPath);
    },
    mapAccepted: (request, onProblem, onUnsupportedPath, requestId) => reply(selector.success, '', acceptedHeaders(requestId), request, onProblem, onUnsupportedPath),
  };
}
