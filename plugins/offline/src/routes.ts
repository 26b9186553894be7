import type { Logger } from '@stratus/core';
import { normalizeHttpEvent, type HttpEvent } from '@stratus/event-http';
import { asRecord } from './local-functions';

/** One segment of a route path: a literal, a `{param}`, or the greedy `{proxy+}` (always last). */
type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

/** An `http` event of a function, as the server routes it. */
export interface Route {
  functionKey: string;
  /** Upper-case; `ANY` matches every method. */
  method: string;
  event: HttpEvent;
  /** The API Gateway resource: `/items/{id}`, `/{proxy+}`, `/`. */
  resource: string;
  /** What the URL starts with before the resource: `[/prefix][/stage]` (may be ''). */
  base: string;
  /** True when the event was written `cors: true` (the `cors*` options then give its settings). */
  corsShorthand: boolean;
  segments: Segment[];
}

export interface RouteMatch {
  route: Route;
  /** Decoded path parameters, or null when the route has none. */
  pathParameters: Record<string, string> | null;
}

function parseSegments(resource: string): Segment[] {
  return resource.split('/').filter((part) => part !== '').map((part): Segment => {
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) return { kind: 'greedy', name: greedy[1]! };
    const param = /^\{(.+)\}$/.exec(part);
    if (param) return { kind: 'param', name: param[1]! };
    return { kind: 'literal', value: part };
  });
}

/**
 * Every `http` event of every function, normalised by `@stratus/event-http`. `HEAD` events are
 * skipped (as serverless-offline does); invalid events are reported and skipped.
 */
export function buildRoutes(configuration: Record<string, unknown>, base: string, log: Logger): Route[] {
  const routes: Route[] = [];
  const functions = asRecord(configuration.functions);
  const keys = Object.keys(functions);
  for (const functionKey of keys) {
    const events = asRecord(functions[functionKey]).events;
    if (!Array.isArray(events)) continue;
    events.forEach((entry, index) => {
      const definition = asRecord(entry).http;
      if (definition === undefined) return;
      let event: HttpEvent;
      try {
        event = normalizeHttpEvent(definition, { functions: keys, onWarning: (message) => log.verbose(message) });
      } catch (error) {
        log.warning(`functions.${functionKey}.events[${index}].http is skipped: ${(error as Error).message}`);
        return;
      }
      if (event.method === 'HEAD') return;
      const resource = `/${event.path}`;
      routes.push({
        functionKey,
        method: event.method,
        event,
        resource,
        base,
        corsShorthand: asRecord(definition).cors === true,
        segments: parseSegments(resource),
      });
    });
  }
  return routes;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Specificity of a route, segment by segment: literal > param > greedy; a method beats `ANY`. */
function rank(route: Route): number[] {
  return [...route.segments.map((segment) => (segment.kind === 'literal' ? 3 : segment.kind === 'param' ? 2 : 1)), route.method === 'ANY' ? 0 : 1];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Finds the route for a request path, as API Gateway does: the most specific resource wins
 * (literal over `{param}` over `{proxy+}`), a method over `ANY`. Trailing and repeated slashes
 * are ignored. Routes are sorted once, so a lookup is a linear scan with early exit.
 */
export class RouteMatcher {
  private readonly routes: Route[];
  private readonly base: string[];

  constructor(routes: readonly Route[], base: string) {
    this.routes = [...routes].sort((a, b) => compareRanks(rank(b), rank(a)));
    this.base = base.split('/').filter((part) => part !== '');
  }

  /** The path segments after `[/prefix][/stage]`, or undefined when the path is outside it. */
  private relative(pathname: string): string[] | undefined {
    const parts = pathname.split('/').filter((part) => part !== '');
    for (let i = 0; i < this.base.length; i += 1) if (parts[i] !== this.base[i]) return undefined;
    return this.base.length === 0 ? parts : parts.slice(this.base.length);
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    const parts = this.relative(pathname);
    if (!parts) return undefined;
    for (const route of this.routes) {
      if (route.method !== method && route.method !== 'ANY') continue;
      const params = matchSegments(route.segments, parts);
      if (params !== undefined) return { route, pathParameters: params };
    }
    return undefined;
  }

  /** Routes whose path matches, whatever their method (for CORS preflight). */
  matchPath(pathname: string): Route[] {
    const parts = this.relative(pathname);
    if (!parts) return [];
    return this.routes.filter((route) => matchSegments(route.segments, parts) !== undefined);
  }

  /** `get - /dev/items/{id}` lines, as the 404 answer lists them. */
  describe(): string[] {
    return this.routes.map((route) => `${route.method.toLowerCase()} - ${route.base}${route.resource === '/' && route.base !== '' ? '' : route.resource}`);
  }
}

/** Path parameters when `parts` fit `segments` (null when there are none), undefined otherwise. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | null | undefined {
  let params: Record<string, string> | null = null;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (segment.kind === 'greedy') {
      if (i >= parts.length) return undefined;
      (params ??= {})[segment.name] = decode(parts.slice(i).join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (segment.value !== part) return undefined;
    } else {
      (params ??= {})[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

/** The URL a route is served at, for the route table. */
export function routeUrl(route: Route, origin: string): string {
  const path = `${route.base}${route.resource}`;
  return `${origin}${path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path}`;
}
