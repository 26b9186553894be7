/**
 * SNS subscription filter policies: every key must match (AND), one of a key's conditions must
 * match (OR). Conditions: exact strings/numbers, `prefix`, `suffix`, `equals-ignore-case`,
 * `anything-but`, `numeric`, `exists`; `$or` at any level; nested objects for `MessageBody` scope.
 */

/** An attribute value as a filter sees it: a string, a number, a list (String.Array) or absent. */
export type FilterValue = string | number | boolean | null | FilterValue[] | { [key: string]: FilterValue } | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function numericMatches(value: number, spec: unknown[]): boolean {
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const [op, bound] = [spec[i], Number(spec[i + 1])];
    const ok = op === '=' ? value === bound : op === '>' ? value > bound : op === '>=' ? value >= bound : op === '<' ? value < bound : op === '<=' ? value <= bound : false;
    if (!ok) return false;
  }
  return true;
}

/** One condition against one scalar value (never called with undefined except for `exists`). */
function conditionMatches(condition: unknown, value: string | number | boolean | null): boolean {
  if (!isRecord(condition)) {
    if (typeof condition === 'number') return typeof value === 'number' ? value === condition : Number(value) === condition && value !== '';
    return condition === value;
  }
  if (typeof condition.prefix === 'string') return typeof value === 'string' && value.startsWith(condition.prefix);
  if (typeof condition.suffix === 'string') return typeof value === 'string' && value.endsWith(condition.suffix);
  if (typeof condition['equals-ignore-case'] === 'string') return typeof value === 'string' && value.toLowerCase() === condition['equals-ignore-case'].toLowerCase();
  if (Array.isArray(condition.numeric)) return typeof value === 'number' && numericMatches(value, condition.numeric);
  if ('anything-but' in condition) {
    const but = condition['anything-but'];
    if (isRecord(but)) {
      if (typeof but.prefix === 'string') return !(typeof value === 'string' && value.startsWith(but.prefix));
      if (typeof but.suffix === 'string') return !(typeof value === 'string' && value.endsWith(but.suffix));
      return true;
    }
    return !(Array.isArray(but) ? but : [but]).some((excluded) => conditionMatches(excluded, value));
  }
  return false;
}

function keyMatches(conditions: unknown, value: FilterValue): boolean {
  if (isRecord(conditions)) return isRecord(value) && policyMatches(conditions, value as Record<string, FilterValue>);
  const list = Array.isArray(conditions) ? conditions : [conditions];
  return list.some((condition) => {
    if (isRecord(condition) && 'exists' in condition) return condition.exists === (value !== undefined);
    if (value === undefined || isRecord(value)) return false;
    const values = Array.isArray(value) ? value : [value];
    return values.some((one) => !isRecord(one) && !Array.isArray(one) && one !== undefined && conditionMatches(condition, one));
  });
}

/** Whether `attributes` pass `policy`. */
export function policyMatches(policy: Record<string, unknown>, attributes: Record<string, FilterValue>): boolean {
  return Object.entries(policy).every(([key, conditions]) => {
    if (key === '$or') return Array.isArray(conditions) && conditions.some((branch) => isRecord(branch) && policyMatches(branch, attributes));
    return keyMatches(conditions, attributes[key]);
  });
}
