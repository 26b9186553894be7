/**
 * The JSONPath subset API Gateway templates and EventBridge input paths mostly use: `$`, `$.a.b`,
 * `$.a[0]`, `$['detail-type']`. Anything else (filters, wildcards, `..`) is `{ ok: false }`,
 * for the caller to report.
 */

export type PathSelection = { ok: true; value: unknown } | { ok: false };

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[['"]([^'"]+)['"]\])/;

/** The value at `path` in `value` (undefined when a step is missing). */
export function selectPath(value: unknown, path: string): PathSelection {
  if (!path.startsWith('$')) return { ok: false };
  let current = value;
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) return { ok: false };
    const key = match[1] ?? match[3] ?? Number(match[2]);
    current = typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[key] : undefined;
    rest = rest.slice(match[0].length);
  }
  return { ok: true, value: current };
}
