/**
 * The response side of a `lambda` integration: the function's result (or error) → the HTTP
 * response, through the selected status code's headers and response template.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { HttpResponse, HttpStatusCode } from '@stratus/event-http';
import type { InvokeOutcome } from '@stratus/lambda-runtime';
import type { ProxyEvent } from '../event-builder';
import type { HttpReply } from '../response-mapper';
import type { MappingTemplate } from '../vtl/mapping-template';
import { compileOrReport } from './compile-template';
import { mappingFailed } from './gateway-replies';
import { compileStatusSelector, type StatusRule } from './status-selection';
import { selectPath } from '../json-path';
import { templateVariables } from './template-variables';

export interface ResponseMappingSource {
  response: HttpResponse | undefined;
  /** `<handler file>.res.vm`, when there is one: the template unless the event sets one. */
  handlerTemplate?: { source: string; file: string } | undefined;
  /** `functions.<key> (<METHOD> <resource>)`, for messages. */
  where: string;
}

export interface ResponseMapping {
  map(outcome: InvokeOutcome, request: ProxyEvent, onProblem: (reason: string) => void, onUnsupportedPath: (path: string) => void): HttpReply;
  /** `async: true`: Lambda accepted the event (202, no payload); the success response with an empty body. */
  mapAccepted(request: ProxyEvent, onProblem: (reason: string) => void, onUnsupportedPath: (path: string) => void): HttpReply;
}

/** What a status code's responses look like: fixed headers, headers taken from the result, and a template or none (pass-through). */
interface ResponseShape {
  headers: Record<string, string>;
  /** `X-Id: integration.response.body.id` → header name and the JSONPath into the integration's body. */
  fromBody: Array<{ name: string; path: string }>;
  template: MappingTemplate | undefined;
}

const STATIC_VALUE = /^'(.*)'$/s;
/** `integration.response.body` (the whole body) or `integration.response.body.<JSONPath>`. */
const BODY_VALUE = /^integration\.response\.body(.*)$/s;

/** Each header mapped from the body, as API Gateway maps it: a string as is, anything else as JSON, nothing when absent. */
function headersFromBody(fromBody: ResponseShape['fromBody'], payload: string, onUnsupportedPath: (path: string) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fromBody.length === 0) return headers;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    body = payload;
  }
  for (const { name, path } of fromBody) {
    const selected = path === '$' ? { ok: true as const, value: payload } : selectPath(body, path);
    if (!selected.ok) onUnsupportedPath(path);
    else if (selected.value !== undefined && selected.value !== null) headers[name] = typeof selected.value === 'string' ? selected.value : JSON.stringify(selected.value);
  }
  return headers;
}

/** Lambda's error payload. */
const errorPayload = (error: { errorMessage: string; errorType: string; stackTrace?: string[] }): string =>
  JSON.stringify({ errorMessage: error.errorMessage, errorType: error.errorType, stackTrace: error.stackTrace ?? [] });

/** Compiles the route's response headers and templates once, for every status code. */
export function compileResponseMapping(source: ResponseMappingSource, warn: (message: string) => void): ResponseMapping {
  const { response, where } = source;
  const selector = compileStatusSelector(response, where, warn);
  const mappedHeaders = new Set<string>();

  const shapeOf = (config: HttpStatusCode, code: string): ResponseShape => {
    const headers: Record<string, string> = {};
    const fromBody: ResponseShape['fromBody'] = [];
    for (const [name, value] of Object.entries({ ...response?.headers, ...config.headers })) {
      const fixed = STATIC_VALUE.exec(value);
      const mapped = BODY_VALUE.exec(value);
      if (fixed) headers[name.toLowerCase()] = fixed[1] as string;
      else if (mapped) fromBody.push({ name: name.toLowerCase(), path: `$${mapped[1]}` });
      else mappedHeaders.add(name);
    }
    headers['content-type'] ??= 'application/json';
    // As v3 deploys it: response.template (here also a .res.vm) for application/json, the status code's own templates over it.
    const templates: Record<string, { text: string; label: string }> = {};
    if (response?.template !== undefined) templates['application/json'] = { text: response.template, label: `${where}: response.template` };
    else if (source.handlerTemplate) templates['application/json'] = { text: source.handlerTemplate.source, label: source.handlerTemplate.file };
    if (typeof config.template === 'string') templates['application/json'] = { text: config.template, label: `${where}: response.statusCodes.${code}.template` };
    else for (const [type, text] of Object.entries(config.template ?? {})) templates[type.toLowerCase()] = { text, label: `${where}: response.statusCodes.${code}.template['${type}']` };
    const chosen = templates[headers['content-type'].toLowerCase()] ?? templates['application/json'];
    return { headers, fromBody, template: chosen && compileOrReport(chosen.text, chosen.label, warn) };
  };

  const shapes = new Map<HttpStatusCode, ResponseShape>();
  for (const [code, config] of Object.entries(response?.statusCodes ?? {})) shapes.set(config, shapeOf(config, code));
  // For a [NNN] status no response declares.
  const undeclared = shapeOf({ pattern: '' }, 'default');
  if (mappedHeaders.size > 0) {
    warn(`${where}: response headers ${[...mappedHeaders].join(', ')} are not emulated (a Lambda integration has no response headers to map); only quoted static values and integration.response.body values are sent.`);
  }

  const reply = (rule: StatusRule, payload: string, request: ProxyEvent, onProblem: (reason: string) => void, onUnsupportedPath: (path: string) => void): HttpReply => {
    const shape = shapes.get(rule.config) ?? undeclared;
    let body = payload;
    if (shape.template) {
      try {
        body = shape.template.render(templateVariables(request, payload, onUnsupportedPath));
      } catch (error) {
        onProblem(`the response template failed: ${error instanceof Error ? error.message : String(error)}`);
        return mappingFailed();
      }
    }
    const headers: OutgoingHttpHeaders = { ...shape.headers, ...headersFromBody(shape.fromBody, payload, onUnsupportedPath) };
    return { statusCode: rule.statusCode, headers, body };
  };

  return {
    map(outcome, request, onProblem, onUnsupportedPath) {
      if (outcome.ok) return reply(selector.success, JSON.stringify(outcome.payload) ?? 'null', request, onProblem, onUnsupportedPath);
      const rule = selector.forError(outcome.error.errorMessage);
      onProblem(`${outcome.error.errorType}: ${outcome.error.errorMessage} → ${rule.statusCode}`);
      return reply(rule, errorPayload(outcome.error), request, onProblem, onUnsupportedPath);
    },
    mapAccepted: (request, onProblem, onUnsupportedPath) => reply(selector.success, '', request, onProblem, onUnsupportedPath),
  };
}
