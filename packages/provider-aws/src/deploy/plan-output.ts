import type { Change } from '@aws-sdk/client-cloudformation';
import type { Logger } from '@stratus/core';

const SYMBOL: Record<string, string> = { Add: '+', Modify: '~', Remove: '-', Dynamic: '?', Import: '>' };

/** `deploy --plan`: resources added, modified (with replacement) and removed, and code changes. */
export function printPlan(log: Logger, input: { stackName: string; changes: Change[]; changedCode: string[]; newStack: boolean; resources?: Array<[string, string]> }): void {
  const lines: string[] = [`Plan for stack ${input.stackName}${input.newStack ? ' (new stack)' : ''}:`];
  if (input.newStack && input.resources) {
    for (const [id, type] of input.resources) lines.push(`  + ${id} (${type})`);
  } else if (input.changes.length === 0) {
    lines.push('  no resource changes');
  } else {
    for (const change of input.changes) {
      const resource = change.ResourceChange;
      if (!resource) continue;
      const action = resource.Action ?? 'Modify';
      const replacement = action === 'Modify' && resource.Replacement && resource.Replacement !== 'False' ? ` [replacement: ${resource.Replacement}]` : '';
      const details = action === 'Modify' && resource.Scope?.length ? ` (${resource.Scope.join(', ')})` : '';
      lines.push(`  ${SYMBOL[action] ?? '~'} ${resource.LogicalResourceId} (${resource.ResourceType})${details}${replacement}`);
    }
  }
  lines.push(input.changedCode.length > 0 ? `Code changed: ${input.changedCode.join(', ')}` : 'Code changed: none');
  lines.push('Nothing was changed. Run "stratus deploy" to apply.');
  log.writeText(lines.join('\n'));
}
