import type { HttpCors } from '../http-event';
import type { CompileState, CompiledHttpEvent } from './compile-state';

/** The CORS settings of one path: every event on it with `cors` contributes. */
export interface CorsPreflight {
  /** The `origin` of the last event that set one (v3: last wins). */
  origin: string | undefined;
  /** The `origins` lists of every event, merged. */
  origins: string[];
  headers: string[];
  methods: string[];
  allowCredentials: boolean;
  maxAge?: number;
  cacheControl?: string;
}

/** Items of `first` then those of `second` not seen yet (lodash `union`). */
function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

/**
 * Merge the CORS settings of the events on each path, as v3 does: each event's headers, methods
 * and origins come before the ones already collected; credentials are allowed if any event
 * allows them; the last `maxAge`/`cacheControl` wins.
 */
export function collectCorsPreflight(events: readonly CompiledHttpEvent[]): Map<string, CorsPreflight> {
  const byPath = new Map<string, CorsPreflight>();
  for (const { http } of events) {
    const cors: HttpCors | undefined = http.cors;
    if (!cors) continue;
    const current = byPath.get(http.path) ?? { origin: undefined, origins: [], headers: [], methods: [], allowCredentials: false };
    const listed = cors.origin === undefined ? cors.origins : [];
    const merged: CorsPreflight = {
      origin: cors.origin,
      origins: union(listed, current.origins),
      headers: union(cors.headers, current.headers),
      methods: union(cors.methods, current.methods),
      allowCredentials: current.allowCredentials || cors.allowCredentials,
    };
    const maxAge = cors.maxAge ?? current.maxAge;
    if (maxAge !== undefined) merged.maxAge = maxAge;
    const cacheControl = cors.cacheControl ?? current.cacheControl;
    if (cacheControl !== undefined) merged.cacheControl = cacheControl;
    byPath.set(http.path, merged);
  }
  return byPath;
}

/** Glob origins as the Java regular expressions VTL's `matches` takes: `.` literal, the first `*` → `.+`. */
function originPattern(origin: string): string {
  return origin.replace(/\./g, '[.]').replace('*', '.+');
}

/** A response template that echoes the request's `Origin` when it is one of `origins`. */
export function corsOriginResponseTemplate(origins: readonly string[]): string {
  const condition = origins.map((origin) => `$origin.matches("${originPattern(origin)}")`).join(' || ');
  return [
    '#set($origin = $input.params("Origin"))',
    '#if($origin == "") #set($origin = $input.params("origin")) #end',
    `#if(${condition}) #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin) #end`,
  ].join('\n');
}

const ANY_METHODS = 'DELETE,GET,HEAD,PATCH,POST,PUT';

/** The preflight response headers of one path (header → quoted value). */
export function preflightHeaders(config: CorsPreflight): { headers: Record<string, string>; origins: string[] } {
  let origin = config.origin;
  let origins = config.origins;
  if (origin !== undefined && origin.includes(',')) origins = origin.split(',').map((item) => item.trim());
  if (origins.length > 0) origin = origins[0];

  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': `'${origin}'`,
    'Access-Control-Allow-Headers': `'${config.headers.join(',')}'`,
    'Access-Control-Allow-Methods': `'${config.methods.join(',').replace('ANY', ANY_METHODS)}'`,
  };
  if (config.allowCredentials) headers['Access-Control-Allow-Credentials'] = "'true'";
  if (config.maxAge) headers['Access-Control-Max-Age'] = `'${config.maxAge}'`;
  if (config.cacheControl) headers['Cache-Control'] = `'${config.cacheControl}'`;
  return { headers, origins };
}

/** One `OPTIONS` method (a MOCK integration) per path with CORS. */
export function compileCorsMethods(state: CompileState): void {
  const { context } = state;
  for (const [path, config] of collectCorsPreflight(state.events)) {
    const { headers, origins } = preflightHeaders(config);
    const logicalId = context.naming.getMethodLogicalId(path === '' ? '' : context.naming.normalizePath(path), 'options');
    const prefixed = (value: (header: string) => unknown) =>
      Object.fromEntries(Object.keys(headers).map((header) => [`method.response.header.${header}`, value(header)]));
    state.methodLogicalIds.push(logicalId);
    state.resources.add(logicalId, {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        AuthorizationType: 'NONE',
        HttpMethod: 'OPTIONS',
        MethodResponses: [{ StatusCode: '200', ResponseParameters: prefixed(() => true), ResponseModels: {} }],
        RequestParameters: {},
        Integration: {
          Type: 'MOCK',
          RequestTemplates: { 'application/json': '{statusCode:200}' },
          ContentHandling: 'CONVERT_TO_TEXT',
          IntegrationResponses: [
            {
              StatusCode: '200',
              ResponseParameters: prefixed((header) => headers[header]),
              ResponseTemplates: { 'application/json': origins.length > 0 ? corsOriginResponseTemplate(origins) : '' },
            },
          ],
        },
        ResourceId: state.resourceIds.get(path),
        RestApiId: state.restApiId,
      },
    });
  }
}
