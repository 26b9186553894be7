/**
 * The method response headers of a `lambda` integration: each `name: expression` compiled once at
 * start-up into a fixed value or a reader of the response's sources, applied per response.
 */
import type { ProxyEvent } from '../event-builder';
import { childOf } from '../json-path';
import { contextVariable } from '../vtl/context-variable';
import { isJsonPath, queryJsonPath } from '../vtl/json-path-query';
import { stageVariables } from '../vtl/stage-variables';
import { headerProblem } from '../header-validity';
import { parseHeaderExpression } from './header-expression';
import type { InvocationHeaders } from './invocation-headers';

/** What a response's mapped headers read. */
export interface ResponseSources {
  /** The integration response's body: the result as JSON, Lambda's error payload, or '' (an accepted `Event` call). */
  payload: string;
  invocationHeaders: InvocationHeaders;
  request: ProxyEvent;
  onUnsupportedPath: (path: string) => void;
  /** Hears of a mapped value no HTTP header can carry (it is left out). */
  onProblem: (reason: string) => void;
}

/** A header's value from the sources; undefined: the header is not sent (as API Gateway omits one whose source is empty). */
type HeaderReader = (sources: ResponseSources, body: () => unknown) => string | undefined;

export interface ResponseHeaders {
  /** Quoted static values, by lower-case name. */
  fixed: Readonly<Record<string, string>>;
  mapped: ReadonlyArray<{ name: string; read: HeaderReader }>;
}

/** As API Gateway writes a mapped value into a header: a string as is, anything else as JSON, nothing as no header. */
function headerText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The body as JSONPath sees it: its JSON value, or its text when it is not JSON. */
function parseBody(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

export interface HeaderEntry {
  name: string;
  expression: string;
  /** Where it is configured, for messages: `response.headers.X-Id`. */
  key: string;
}

/** One header compiled: a fixed value, or a reader. */
type CompiledHeader = { fixed: string } | { read: HeaderReader };

/** Each entry's compiled header by key (undefined: it cannot be sent), shared by a route's status codes. */
export type CompiledHeaders = Map<string, CompiledHeader | undefined>;

/**
 * One header, compiled; undefined (after a warning naming the route, the key and the expression)
 * when it cannot be sent.
 */
function compileHeader({ name, expression, key }: HeaderEntry, where: string, warn: (message: string) => void): CompiledHeader | undefined {
  const source = parseHeaderExpression(expression);
  switch (source?.kind) {
    case 'static': {
      const problem = headerProblem(name, source.value);
      if (problem === undefined) return { fixed: source.value };
      warn(`${where}: ${key}: ${problem}; the header is not sent.`);
      return undefined;
    }
    case 'body': {
      const { path } = source;
      if (path === '$') return { read: ({ payload }) => payload };
      if (!isJsonPath(path)) {
        warn(`${where}: ${key}: "${expression}" — ${path} is not a JSONPath offline evaluates; the header is not sent.`);
        return undefined;
      }
      return {
        read: ({ onUnsupportedPath }, body) => {
          const selected = queryJsonPath(body(), path);
          if (selected.ok) return headerText(selected.value);
          onUnsupportedPath(path);
          return undefined;
        },
      };
    }
    case 'integration-header': {
      const { name } = source;
      return { read: ({ invocationHeaders }) => invocationHeaders(name) };
    }
    case 'context': {
      const { keys } = source;
      return { read: ({ request }) => headerText(keys.reduce<unknown>(childOf, contextVariable(request.requestContext))) };
    }
    case 'stage-variable': {
      const { name } = source;
      return { read: () => (Object.hasOwn(stageVariables, name) ? stageVariables[name] : undefined) };
    }
    case undefined:
      warn(
        `${where}: ${key}: "${expression}" is not a response mapping expression API Gateway accepts ('static value', integration.response.header.<name>, ` +
          `integration.response.multivalueheader.<name>, integration.response.body[.<JSONPath>], context.<path>, stageVariables.<name>): ` +
          'API Gateway would reject it, and the header is not sent.',
      );
      return undefined;
  }
}

/**
 * Compiles the headers of one status code (later entries win over earlier ones of the same name,
 * any case). `compiled` keeps each entry's result by key, so shared entries warn once.
 */
export function compileResponseHeaders(
  entries: readonly HeaderEntry[],
  where: string,
  warn: (message: string) => void,
  compiled: CompiledHeaders = new Map(),
): ResponseHeaders {
  const byName = new Map<string, CompiledHeader>();
  for (const entry of entries) {
    if (!compiled.has(entry.key)) compiled.set(entry.key, compileHeader(entry, where, warn));
    const header = compiled.get(entry.key);
    const name = entry.name.toLowerCase();
    // A header that cannot be sent still replaces a common one of the same name, as in the deployed method.
    byName.delete(name);
    if (header) byName.set(name, header);
  }
  const fixed: Record<string, string> = {};
  const mapped: Array<{ name: string; read: HeaderReader }> = [];
  for (const [name, header] of byName) {
    if ('fixed' in header) fixed[name] = header.fixed;
    else mapped.push({ name, read: header.read });
  }
  return { fixed, mapped };
}


/** The headers of one response: the fixed ones, and those mapped whose source has a value. */
export function applyResponseHeaders(headers: ResponseHeaders, sources: ResponseSources): Record<string, string> {
  const result: Record<string, string> = { ...headers.fixed };
  if (headers.mapped.length === 0) return result;
  let body: { value: unknown } | undefined;
  const bodyValue = (): unknown => (body ??= { value: parseBody(sources.payload) }).value;
  for (const { name, read } of headers.mapped) {
    const value = read(sources, bodyValue);
    if (value === undefined) continue;
    const problem = headerProblem(name, value);
    if (problem !== undefined) sources.onProblem(`the value mapped: ${problem}; it is not sent.`);
    else result[name] = value;
  }
  return result;
}
