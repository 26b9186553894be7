import type { ErrorObject } from 'ajv';
import type { LocateProperty } from '../config/locate';
import { suggestClosest } from '../errors/suggest';
import type { ConfigProblem } from './config-problem';
import { filterBranchErrors, type FilteredError } from './filter-branch-errors';
import type { JsonSchema } from './json-schema';

const EVENT_ITEM_PATH = /^\/functions\/[^/]+\/events\/\d+$/;

/** Turns ajv's raw errors into located, de-duplicated problems worded as v3 words them. */
export function ajvErrorsToProblems(errors: readonly ErrorObject[], rootSchema: JsonSchema, locate: LocateProperty): ConfigProblem[] {
  const problems = new Map<string, ConfigProblem>();
  for (const filtered of filterBranchErrors(errors, rootSchema)) {
    const { segments, message, suggestion } = describe(filtered);
    const path = segments.join('.');
    const key = `${path}\0${message}`;
    if (problems.has(key)) continue;
    const problem: ConfigProblem = { path, message, location: locate(segments) };
    if (suggestion !== undefined) problem.suggestion = suggestion;
    problems.set(key, problem);
  }
  return [...problems.values()].sort(byPosition);
}

function describe({ error, unsupported }: FilteredError): { segments: string[]; message: string; suggestion?: string } {
  const segments = pointerToSegments(error.instancePath);
  if (unsupported) {
    if (EVENT_ITEM_PATH.test(error.instancePath)) {
      return { segments, message: 'unsupported function event', suggestion: closestEventName(error) };
    }
    return { segments, message: 'unsupported configuration format' };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((error.parentSchema as JsonSchema | undefined)?.properties ?? {});
      return { segments: [...segments, key], message: `unrecognized property '${key}'`, suggestion: suggestClosest(key, allowed) };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return { segments, message: `must be equal to one of the allowed values [${allowed.map(String).join(', ')}]` };
    }
    case 'regexp':
      return { segments, message: `value '${String(error.data)}' does not satisfy pattern ${String(error.schema)}` };
    default:
      return { segments, message: error.message ?? `must pass "${error.keyword}" validation` };
  }
}

/** For `- htpp: …` (or `- htpp`), the closest registered event name. */
function closestEventName(error: ErrorObject): string | undefined {
  const written = typeof error.data === 'string' ? error.data : typeof error.data === 'object' && error.data !== null ? Object.keys(error.data)[0] : undefined;
  if (written === undefined) return undefined;
  const eventNames = (error.schema as JsonSchema[]).flatMap((branch) => branch.required ?? []);
  return suggestClosest(written, eventNames);
}

function pointerToSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** In file order, so the list reads top to bottom; JS/TS configs (no lines) by path. */
function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  const line = (a.location.line ?? Infinity) - (b.location.line ?? Infinity);
  if (line !== 0 && !Number.isNaN(line)) return line;
  const column = (a.location.column ?? 0) - (b.location.column ?? 0);
  if (column !== 0) return column;
  return a.path.localeCompare(b.path);
}
