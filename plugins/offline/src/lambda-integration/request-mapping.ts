/**
 * The request side of a `lambda` integration: the HTTP request → the function's event, through
 * the request template for its content type.
 */
import type { HttpEvent } from '@stratus/event-http';
import type { ProxyEvent } from '../event-builder';
import type { HttpReply } from '../response-mapper';
import type { MappingTemplate } from '../vtl/mapping-template';
import { compileOrReport } from './compile-template';
import { defaultRequestTemplates } from './default-request-templates';
import { mappingFailed, unparsableRequest, unsupportedMediaType } from './gateway-replies';
import { templateVariables } from './template-variables';

export interface RequestMappingSource {
  event: HttpEvent;
  /** `<handler file>.req.vm`, when there is one: the `application/json` template unless the event sets one. */
  handlerTemplate?: { source: string; file: string } | undefined;
  /** `functions.<key> (<METHOD> <resource>)`, for messages. */
  where: string;
}

export type MappedRequest = { ok: true; event: unknown } | { ok: false; reply: HttpReply };

export interface RequestMapping {
  /** The function's event for a request whose body is `body` and content type `mediaType` (lower case, no parameters). */
  map(request: ProxyEvent, body: string, mediaType: string, onProblem: (reason: string) => void, onUnsupportedPath: (path: string) => void): MappedRequest;
}

/** Content type → template source, most specific source winning: the event's, the `.req.vm` file, the default. */
function templateSources(source: RequestMappingSource): Map<string, { text: string; where: string }> {
  const sources = new Map<string, { text: string; where: string }>();
  const authorizer = source.event.authorizer;
  const extraClaims = authorizer && 'claims' in authorizer ? authorizer.claims : [];
  for (const [type, text] of Object.entries(defaultRequestTemplates(extraClaims))) sources.set(type, { text, where: `the default ${type} request template` });
  if (source.handlerTemplate) sources.set('application/json', { text: source.handlerTemplate.source, where: source.handlerTemplate.file });
  for (const [type, text] of Object.entries(source.event.request?.template ?? {})) {
    // `null` removes a template (as v3 deploys it).
    if (text === null) sources.delete(type.toLowerCase());
    else sources.set(type.toLowerCase(), { text, where: `${source.where}: request.template['${type}']` });
  }
  return sources;
}

/** Lambda takes JSON only: an empty payload is `{}`. */
function parseEvent(text: string): { ok: true; event: unknown } | { ok: false; reason: string } {
  if (text.trim() === '') return { ok: true, event: {} };
  try {
    return { ok: true, event: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Compiles every request template of the route once. */
export function compileRequestMapping(source: RequestMappingSource, warn: (message: string) => void): RequestMapping {
  const templates = new Map<string, MappingTemplate>();
  for (const [type, { text, where }] of templateSources(source)) templates.set(type, compileOrReport(text, where, warn));
  // v3 deploys lambda integrations with NEVER unless told otherwise.
  const passThrough = source.event.request?.passThrough ?? 'NEVER';

  return {
    map(request, body, mediaType, onProblem, onUnsupportedPath) {
      const template = templates.get(mediaType);
      let payload: string;
      if (template) {
        try {
          payload = template.render(templateVariables(request, body, onUnsupportedPath));
        } catch (error) {
          onProblem(`the ${mediaType} request template failed: ${error instanceof Error ? error.message : String(error)}`);
          return { ok: false, reply: mappingFailed() };
        }
      } else if (passThrough === 'WHEN_NO_MATCH' || (passThrough === 'WHEN_NO_TEMPLATES' && templates.size === 0)) {
        payload = body;
      } else {
        return { ok: false, reply: unsupportedMediaType() };
      }
      const parsed = parseEvent(payload);
      return parsed.ok ? parsed : { ok: false, reply: unparsableRequest(parsed.reason) };
    },
  };
}
