import { isLiteral } from './literal-strings';
import { hasVariables, parseTemplate, VariableSyntaxError } from './parse';
import { isPlainObject } from './property-path';

/**
 * True if any string under `value` still holds a variable (a malformed one counts). Escaped
 * variables the resolver already turned into text do not count.
 */
export function containsVariables(value: unknown): boolean {
  if (typeof value === 'string') return stringHasVariables(value);
  return containerHasVariables(value, new Set());
}

function containerHasVariables(value: unknown, seen: Set<unknown>): boolean {
  if (!Array.isArray(value) && !isPlainObject(value)) return false;
  if (seen.has(value)) return false;
  seen.add(value);
  const entries: Iterable<[string | number, unknown]> = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, child] of entries) {
    if (typeof child === 'string') {
      if (!isLiteral(value, key, child) && stringHasVariables(child)) return true;
    } else if (containerHasVariables(child, seen)) return true;
  }
  return false;
}

function stringHasVariables(text: string): boolean {
  if (!text.includes('${')) return false;
  try {
    const template = parseTemplate(text);
    return template !== null && hasVariables(template);
  } catch (error) {
    if (error instanceof VariableSyntaxError) return true;
    throw error;
  }
}
