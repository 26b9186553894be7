import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { OfflineOptions } from './options';
import type { Route } from './routes';

/** The CORS settings of a route: the event's own, or the `cors*` options for `cors: true`. */
export interface CorsSettings {
  origins: string[];
  headers: string[];
  methods: string[];
  allowCredentials: boolean;
  exposedHeaders: string[];
  maxAge?: number;
}

export function corsSettingsOf(route: Route, options: OfflineOptions): CorsSettings | undefined {
  const cors = route.event.cors;
  if (!cors) return undefined;
  const settings: CorsSettings = {
    origins: route.corsShorthand ? options.corsAllowOrigin : cors.origins,
    headers: route.corsShorthand ? options.corsAllowHeaders : cors.headers,
    methods: cors.methods,
    allowCredentials: cors.allowCredentials || !options.corsDisallowCredentials,
    exposedHeaders: options.corsExposedHeaders,
  };
  if (cors.maxAge !== undefined) settings.maxAge = cors.maxAge;
  return settings;
}

/** The Access-Control-Allow-Origin to send: `*`, the request's origin when listed, else the first listed. */
function allowOrigin(settings: CorsSettings, origin: string | undefined): string {
  if (origin !== undefined && settings.origins.includes(origin)) return origin;
  if (settings.origins.includes('*')) return settings.allowCredentials && origin !== undefined ? origin : '*';
  const wildcard = origin !== undefined && settings.origins.find((item) => item.includes('*') && new RegExp(`^${item.split('*').map(escape).join('.*')}$`).test(origin));
  if (wildcard) return origin!;
  return settings.origins[0] ?? '*';
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The answer to a preflight `OPTIONS` on a path whose routes have `cors` (API Gateway's mock
 * integration that serverless creates): 200, no body, the allowed origin/headers/methods.
 */
export function preflightHeaders(routes: readonly Route[], options: OfflineOptions, req: IncomingMessage): OutgoingHttpHeaders | undefined {
  const all = routes.map((route) => corsSettingsOf(route, options)).filter((item): item is CorsSettings => item !== undefined);
  const first = all[0];
  if (!first) return undefined;
  const methods = [...new Set(all.flatMap((settings) => settings.methods))];
  const headers: OutgoingHttpHeaders = {
    'access-control-allow-origin': allowOrigin(first, req.headers.origin),
    'access-control-allow-headers': first.headers.join(','),
    'access-control-allow-methods': methods.join(','),
  };
  if (first.exposedHeaders.length > 0) headers['access-control-expose-headers'] = first.exposedHeaders.join(',');
  if (all.some((settings) => settings.allowCredentials)) headers['access-control-allow-credentials'] = 'true';
  if (first.maxAge !== undefined) headers['access-control-max-age'] = String(first.maxAge);
  return headers;
}

/** Adds the allow-origin (and credentials / expose) headers to a cors route's response, unless the handler set them. */
export function addCorsHeaders(headers: OutgoingHttpHeaders, settings: CorsSettings, origin: string | undefined): void {
  if (headers['access-control-allow-origin'] === undefined) headers['access-control-allow-origin'] = allowOrigin(settings, origin);
  if (settings.allowCredentials && headers['access-control-allow-credentials'] === undefined) headers['access-control-allow-credentials'] = 'true';
  if (settings.exposedHeaders.length > 0 && headers['access-control-expose-headers'] === undefined) headers['access-control-expose-headers'] = settings.exposedHeaders.join(',');
}
