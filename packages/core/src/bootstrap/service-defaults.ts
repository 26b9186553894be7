import { stageOf } from '../plugins/service-context';

/**
 * Defaults v3 adds before validation, so `print` and every plugin see them: `provider.stage`,
 * and each function's `name` (`<service>-<stage>-<key>`) and `events: []`.
 */
export function applyServiceDefaults(configuration: Record<string, unknown>, options: Record<string, unknown>): void {
  const stage = stageOf({ configuration, options });
  const provider = configuration.provider;
  if (provider && typeof provider === 'object' && !Array.isArray(provider)) {
    const record = provider as Record<string, unknown>;
    record.stage = stage;
  }
  const functions = configuration.functions;
  if (!functions || typeof functions !== 'object') return;
  for (const [key, fn] of Object.entries(functions as Record<string, unknown>)) {
    if (!fn || typeof fn !== 'object') continue;
    const record = fn as Record<string, unknown>;
    record.name ??= `${String(configuration.service)}-${stage}-${key}`;
    record.events ??= [];
  }
}
