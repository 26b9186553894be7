import type { CfnTemplate } from '../template/cfn-template';

/**
 * CloudFormation's validation messages often quote the offending value but not where it is
 * (`'not-a-number' is not of type 'integer'`). Find the first resource property holding one of
 * the quoted values, so the error can name the resource.
 */
export function locateTemplateProblem(template: CfnTemplate, message: string): string | undefined {
  const quoted = [...message.matchAll(/'([^']+)'|\[([^\]]+)\]/g)].map((match) => (match[1] ?? match[2] ?? '').trim()).filter(Boolean);
  if (quoted.length === 0) return undefined;
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const found = findValue(resource, quoted, []);
    if (found) return `${logicalId}${found.length > 0 ? `.${found.join('.')}` : ''}`;
  }
  return undefined;
}

function findValue(value: unknown, wanted: string[], at: string[]): string[] | undefined {
  if (typeof value === 'string' || typeof value === 'number') return wanted.includes(String(value)) ? at : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findValue(item, wanted, [...at, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Type') continue;
      const found = findValue(item, wanted, [...at, key]);
      if (found) return found;
    }
  }
  return undefined;
}
