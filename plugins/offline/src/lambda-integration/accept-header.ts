/**
 * Which response template answers a request, as API Gateway picks it for a non-proxy integration:
 * by the request's `Accept` header among the status code's templates (keyed by media type).
 */
import type { ProxyEvent } from '../event-builder';

/**
 * The media types of an `Accept` header the client takes, most wanted first: by `q` (1 when not
 * given), then in the order listed; `q=0` (refused) left out. Lower case, parameters dropped.
 */
export function acceptedMediaTypes(accept: string): string[] {
  const ranked: Array<{ type: string; q: number }> = [];
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim());
    if (type === '') continue;
    let q = 1;
    for (const parameter of parameters) {
      const [name, value] = parameter.split('=').map((part) => part.trim());
      if (name?.toLowerCase() !== 'q' || value === undefined) continue;
      const parsed = Number(value);
      if (value !== '' && Number.isFinite(parsed)) q = Math.min(Math.max(parsed, 0), 1);
    }
    if (q > 0) ranked.push({ type: type.toLowerCase(), q });
  }
  // Array sort is stable: equal q keep their order.
  return ranked.sort((a, b) => b.q - a.q).map(({ type }) => type);
}

/** The request's `Accept` header (any casing; repeated headers as one list), if any. */
export function acceptOf(request: Pick<ProxyEvent, 'headers' | 'multiValueHeaders'>): string | undefined {
  for (const name in request.headers) {
    if (name.toLowerCase() !== 'accept') continue;
    const values = request.multiValueHeaders[name];
    return values && values.length > 1 ? values.join(',') : request.headers[name];
  }
  return undefined;
}

/** The last header parsed: clients send the same `Accept` request after request. */
let lastParsed: { accept: string; types: string[] } | undefined;

/**
 * The template for a request: the first accepted media type that has one (exact match; `*\/*` and
 * `type/*` name no template); when none does, or there is no `Accept`, `application/json` if there
 * is one, else the first defined. Undefined when there are no templates.
 */
export function chooseTemplate<T>(templates: ReadonlyMap<string, T>, accept: string | undefined): { mediaType: string; template: T } | undefined {
  if (templates.size > 1 && accept !== undefined) {
    if (lastParsed?.accept !== accept) lastParsed = { accept, types: acceptedMediaTypes(accept) };
    for (const mediaType of lastParsed.types) {
      if (mediaType.endsWith('/*')) continue;
      const template = templates.get(mediaType);
      if (template !== undefined) return { mediaType, template };
    }
  }
  const json = templates.get('application/json');
  if (json !== undefined) return { mediaType: 'application/json', template: json };
  for (const [mediaType, template] of templates) return { mediaType, template };
  return undefined;
}
