import type { ServiceContext } from '@stratus/core';
import { stageOf } from '@stratus/core';

/** `--region` → `provider.region` → `us-east-1`, as v3. */
export function regionOf(context: Pick<ServiceContext, 'configuration' | 'options'>): string {
  const fromOption = context.options.region;
  if (typeof fromOption === 'string' && fromOption) return fromOption;
  const provider = context.configuration.provider as { region?: unknown } | undefined;
  if (provider && typeof provider.region === 'string' && provider.region) return provider.region;
  return 'us-east-1';
}

export { stageOf };
