import type { EventCompileContext } from '@stratus/provider-aws';

/**
 * The alias an event source must wait for when the function is invoked through one
 * (provisioned concurrency or SnapStart): its logical id, when the template has it.
 */
export function targetAliasLogicalId(context: EventCompileContext, functionKey: string): string | undefined {
  const fn = context.service.functions?.[functionKey];
  if (!fn) return undefined;
  const candidates: string[] = [];
  if (fn.provisionedConcurrency) candidates.push(context.naming.getLambdaProvisionedConcurrencyAliasLogicalId(functionKey));
  if (fn.snapStart) candidates.push(context.naming.getLambdaSnapStartAliasLogicalId(functionKey));
  return candidates.find((id) => context.builder.hasResource(id));
}
