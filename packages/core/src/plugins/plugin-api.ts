import type { AsyncSeriesHook } from 'tapable';
import type { CommandDefinition } from '../lifecycle/command-definition';
import type { HookHandler, SpawnOptions } from '../lifecycle/lifecycle-engine';
import type { Logger } from '../logging/logger';
import type { ProgressFactory } from '../logging/progress';
import type { SchemaDefiner } from '../schema';
import type { VariableSource } from '../variables';
import type { ServiceContext } from './service-context';

/** Hooks the core itself owns (not lifecycle events of a command). */
export interface CoreHooks {
  /** Every variable is resolved; add defaults here (a provider's region…). Runs before schema validation. */
  readonly configResolved: AsyncSeriesHook<[ServiceContext]>;
  /** The configuration was read again (`api.reloadConfiguration()`); re-apply in-memory changes here. */
  readonly configReloaded: AsyncSeriesHook<[ServiceContext]>;
}

/**
 * What a native plugin gets in `apply(api)`. Plugins only register here; the work happens
 * inside their hooks.
 */
export interface PluginApi {
  readonly pluginName: string;
  readonly service: ServiceContext;
  readonly log: Logger;
  readonly progress: ProgressFactory;
  readonly core: CoreHooks;
  /** Tap a lifecycle hook: `before:package:compileEvents`, `package:compileEvents`, `initialize`… */
  hook(hookId: string, handler: HookHandler, options?: { stage?: number }): void;
  registerCommand(name: string, definition: CommandDefinition): void;
  /** Schema fragments, attributed to this plugin (collisions name both plugins). */
  readonly schema: SchemaDefiner;
  /** A variable source `${name:…}` (available in the final resolution phase). */
  registerVariableSource(name: string, source: VariableSource): void;
  /** Register the provider implementation for `provider.name: <name>`. */
  registerProvider(name: string, provider: unknown): void;
  getProvider<T = unknown>(name: string): T | undefined;
  /** Run another command's lifecycle (entry points allowed). */
  spawn(command: string | readonly string[], options?: SpawnOptions): Promise<void>;
  /**
   * Read the configuration file again (variables, defaults, `configResolved`, validation) and
   * replace the live configuration in place; `core.configReloaded` runs after. For long-running
   * commands. Fails, leaving the configuration as it was, when the file is invalid or the
   * `plugins` list or provider changed (those need a restart).
   */
  reloadConfiguration(): Promise<void>;
  /**
   * The v3 plugin whose call (through its `serverless` object, e.g. `provider.request(…)`) is being
   * served right now, synchronously; undefined otherwise. For error messages that name the plugin.
   */
  callingPlugin(): string | undefined;
  /** The Serverless v3 `serverless` object, for adapters that bridge both worlds (a provider's v3 facade). */
  readonly serverless: Record<string, unknown>;
}

export interface StratusPlugin {
  /** Used in errors, logs and schema collision messages. */
  readonly name: string;
  apply(api: PluginApi): void | Promise<void>;
}

export function isStratusPlugin(value: unknown): value is StratusPlugin {
  return typeof value === 'object' && value !== null && typeof (value as { apply?: unknown }).apply === 'function';
}
