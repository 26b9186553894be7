/** `$input` of API Gateway mapping templates: the payload (request or integration response) and the request parameters. */
import { queryJsonPath } from './json-path-query';

/** The method request's parameters, as `$input.params()` returns them. */
export interface RequestParams {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

export interface InputVariable {
  /** The raw payload. */
  readonly body: string;
  /** The value at a JSONPath (a list for an indefinite path), as JSON text. */
  json(path: string): string;
  /** The value at a JSONPath (a list for an indefinite path), as an object the template can walk. */
  path(path: string): unknown;
  /** Every parameter (`{path, querystring, header}`), or one by name (path, then query string, then header). */
  params(name?: string): unknown;
}

/**
 * The payload as JSONPath sees it: the parsed JSON, `{}` when empty (as API Gateway), or the text
 * itself when it is not JSON (so that `$input.path('$').split('&')` reads a form body).
 */
function parsePayload(body: string): { value: unknown; isJson: boolean } {
  if (body.trim() === '') return { value: {}, isJson: true };
  try {
    return { value: JSON.parse(body) as unknown, isJson: true };
  } catch {
    return { value: body, isJson: false };
  }
}

function headerNamed(headers: Record<string, string>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  const lower = name.toLowerCase();
  for (const key in headers) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

/**
 * `$input` over a payload. `onUnsupportedPath` hears of a JSONPath offline cannot evaluate (its
 * value is then empty). The payload is parsed on first use, once.
 */
export function inputVariable(body: string, params: RequestParams, onUnsupportedPath: (path: string) => void): InputVariable {
  let parsed: { value: unknown; isJson: boolean } | undefined;
  const select = (path: string): unknown => {
    parsed ??= parsePayload(body);
    const selection = queryJsonPath(parsed.value, String(path));
    if (selection.ok) return selection.value;
    onUnsupportedPath(String(path));
    return undefined;
  };
  return {
    body,
    json(path) {
      const value = select(path);
      // A raw (non-JSON) body stays as it is: the template's output is then not JSON, as in API Gateway.
      if (parsed?.isJson === false) return typeof value === 'string' ? value : '';
      return value === undefined ? '' : JSON.stringify(value);
    },
    path: select,
    params(name) {
      if (name === undefined) return params;
      return params.path[name] ?? params.querystring[name] ?? headerNamed(params.header, name) ?? '';
    },
  };
}
