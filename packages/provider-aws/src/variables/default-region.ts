import type { ServiceContext, VariableSourceContext } from '@stratus/core';
import { regionOf } from '../provider/stage-region';

/**
 * The region AWS variables use when they name none: `--region` → `provider.region` (resolved
 * first, as another property) → `us-east-1`, as v3.
 */
export async function defaultRegion(context: VariableSourceContext, service: Pick<ServiceContext, 'configuration' | 'options'>): Promise<string> {
  const option = context.options.region;
  if (typeof option === 'string' && option) return option;
  const configured = await context.resolveConfigurationProperty(['provider', 'region']);
  if (typeof configured === 'string' && configured) return configured;
  return regionOf(service);
}
