/**
 * API Gateway's JSONPath (`$input.path`, `$input.json`, `integration.response.body.<JSONPath>`), with
 * Jayway JsonPath's results: a definite path gives its value or nothing, an indefinite one (wildcard,
 * `..`, filter, slice, union) the list of its matches, possibly empty. The common simple paths take
 * the hand-written way; the rest are parsed once and, when indefinite, evaluated by jsonpath-plus
 * (loaded on first use; filters run by its safe evaluator, never by `eval`).
 */
import { childOf, selectPath, type PathSelection } from '../json-path';
import { parseJsonPath, type ParsedJsonPath } from './json-path-syntax';

type JsonPathLibrary = typeof import('jsonpath-plus');

/** Parsed paths by text (`undefined`: not valid). Bounded: a template may build paths from request data. */
const parsedPaths = new Map<string, ParsedJsonPath | undefined>();
const MAX_PARSED_PATHS = 1000;
let library: JsonPathLibrary | undefined;

function parsed(path: string): ParsedJsonPath | undefined {
  if (parsedPaths.has(path)) return parsedPaths.get(path);
  if (parsedPaths.size >= MAX_PARSED_PATHS) {
    parsedPaths.clear();
    // The library keeps its own cache of parsed paths and filter scripts: emptied with ours.
    if (library) library.JSONPath.cache = {};
  }
  const result = parseJsonPath(path);
  parsedPaths.set(path, result);
  return result;
}

/** The matches of an indefinite path; undefined when jsonpath-plus refuses it (a filter it cannot parse). */
function matches(value: unknown, libraryPath: string): unknown[] | undefined {
  library ??= require('jsonpath-plus') as JsonPathLibrary;
  // jsonpath-plus answers nothing at all for a root that is not an object or array.
  if (typeof value !== 'object' || value === null) return [];
  try {
    // ignoreEvalErrors: a filter reading a member some element lacks does not match it (as Jayway), rather than failing.
    const found = library.JSONPath({ path: libraryPath, json: value as object, eval: 'safe', wrap: true, ignoreEvalErrors: true }) as unknown;
    return Array.isArray(found) ? found : [];
  } catch {
    return undefined;
  }
}

/** The value at `path` in `value` (see above); `{ ok: false }` when the path is not a JSONPath offline evaluates. */
export function queryJsonPath(value: unknown, path: string): PathSelection {
  const simple = selectPath(value, path);
  if (simple.ok) return simple;
  const query = parsed(path);
  if (!query) return { ok: false };
  if (query.definite) return { ok: true, value: query.keys.reduce<unknown>(childOf, value) };
  const found = matches(value, query.libraryPath);
  if (found) return { ok: true, value: found };
  // The library's refusal does not change: remember it.
  parsedPaths.set(path, undefined);
  return { ok: false };
}

/** Whether `path` is a JSONPath offline evaluates (filters are checked when first run). */
export const isJsonPath = (path: string): boolean => parsed(path) !== undefined;
