import type { LocateProperty } from '../config/locate';

/** The service being worked on, as plugins see it. The configuration is live: resolution fills it in place. */
export interface ServiceContext {
  /** Absolute service directory; undefined outside a service (e.g. `stratus --help` elsewhere). */
  serviceDir: string | undefined;
  /** Config file name relative to the service directory (`serverless.yml`). */
  configFile: string | undefined;
  configuration: Record<string, unknown>;
  /** The one shared, mutable CLI options object (v3 plugins write `stage`/`region` into it). */
  options: Record<string, unknown>;
  locate: LocateProperty;
  /** The command words the user typed (`['deploy', 'function']`); empty for help. */
  commands: readonly string[];
}

export function providerNameOf(configuration: Record<string, unknown>): string | undefined {
  const provider = configuration.provider;
  if (typeof provider === 'string') return provider;
  if (provider && typeof provider === 'object') {
    const name = (provider as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

/** `--stage` → `provider.stage` → `dev`, as v3. */
export function stageOf(context: Pick<ServiceContext, 'configuration' | 'options'>): string {
  const fromOption = context.options.stage;
  if (typeof fromOption === 'string' && fromOption) return fromOption;
  const provider = context.configuration.provider as { stage?: unknown } | undefined;
  if (provider && typeof provider.stage === 'string' && provider.stage) return provider.stage;
  return 'dev';
}
