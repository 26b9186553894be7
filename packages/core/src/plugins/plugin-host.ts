import { AsyncSeriesHook } from 'tapable';
import { StratusError } from '../errors/stratus-error';
import type { CommandDefinition } from '../lifecycle/command-definition';
import type { HookHandler, LifecycleEngine, SpawnOptions } from '../lifecycle/lifecycle-engine';
import type { Logger } from '../logging/logger';
import type { ProgressFactory } from '../logging/progress';
import type { ConfigSchemaHandler } from '../schema';
import type { VariableSource } from '../variables';
import type { CoreHooks, PluginApi, StratusPlugin } from './plugin-api';
import type { ServiceContext } from './service-context';

export interface LoadedPluginRecord {
  name: string;
  /** `native` (apply(api)) or `v3` (constructed with (serverless, options, utils)). */
  style: 'native' | 'v3';
  instance: unknown;
}

/** A hook as registered, for v3's `pluginManager.hooks` view. */
export interface HookRecord {
  pluginName: string;
  hookId: string;
  handler: HookHandler;
}

/**
 * Everything plugins register into, in one place: the lifecycle engine, the schema, variable
 * sources and providers. Both the native `PluginApi` and the v3 `serverless` facade are views
 * of this host, so the two plugin styles share one registry.
 */
export class PluginHost {
  readonly core: CoreHooks = Object.freeze({
    configResolved: new AsyncSeriesHook<[ServiceContext]>(['service']),
    configReloaded: new AsyncSeriesHook<[ServiceContext]>(['service']),
  });
  readonly plugins: LoadedPluginRecord[] = [];
  private readonly variableSources = new Map<string, { source: VariableSource; owner: string }>();
  private readonly providers = new Map<string, { provider: unknown; owner: string }>();
  readonly hookRecords: HookRecord[] = [];
  /** Set while a plugin is being constructed/applied, so schema fragments know their owner. */
  currentOwner = 'stratus';
  /**
   * The v3 plugin whose call into its `serverless` view is running right now (synchronously), so
   * the code it calls (a provider's `request`) can name it in errors. See v3/member-guard.ts.
   */
  callingPlugin: string | undefined;
  /** Set by the bootstrap once the configuration is resolved (absent outside a service). */
  configReloader: (() => Promise<void>) | undefined;
  /** The v3 `serverless` facade, set once built (the bootstrap builds it after the host). */
  serverless: Record<string, unknown> = {};

  constructor(
    readonly engine: LifecycleEngine,
    readonly schema: ConfigSchemaHandler,
    readonly service: ServiceContext,
    readonly log: Logger,
    readonly progress: ProgressFactory,
  ) {}

  registerVariableSource(owner: string, name: string, source: VariableSource): void {
    const existing = this.variableSources.get(name);
    if (existing) {
      throw new StratusError('PLUGIN_DUPLICATE_VARIABLE_SOURCE', `Variable source "${name}" is defined by both "${existing.owner}" and "${owner}".`, {
        hint: 'Remove one of the two plugins, or ask its author to rename the source.',
      });
    }
    this.variableSources.set(name, { source, owner });
  }

  /** Sources registered by the provider and plugins (the core's own are added by the bootstrap). */
  pluginVariableSources(): Map<string, VariableSource> {
    return new Map([...this.variableSources].map(([name, { source }]) => [name, source]));
  }

  registerProvider(owner: string, name: string, provider: unknown): void {
    const existing = this.providers.get(name);
    if (existing && existing.provider !== provider) {
      throw new StratusError('PLUGIN_DUPLICATE_PROVIDER', `Provider "${name}" is registered by both "${existing.owner}" and "${owner}".`, {
        hint: 'Load only one provider package for a provider name.',
      });
    }
    this.providers.set(name, { provider, owner });
  }

  getProvider<T>(name: string): T | undefined {
    return this.providers.get(name)?.provider as T | undefined;
  }

  providerNames(): string[] {
    return [...this.providers.keys()];
  }

  registerCommand(owner: string, name: string, definition: CommandDefinition): void {
    this.engine.commands.register(owner, name, definition);
  }

  spawn(command: string | readonly string[], options?: SpawnOptions): Promise<void> {
    return this.engine.spawn(command, options);
  }

  /** Tap a lifecycle hook and remember it (v3 plugins read `pluginManager.hooks`). */
  tap(pluginName: string, hookId: string, handler: HookHandler, options: { strict: boolean; stage?: number }): void {
    this.engine.tap(pluginName, hookId, handler, options);
    this.hookRecords.push({ pluginName, hookId, handler });
  }

  /** Run synchronous `work` as a call made by v3 plugin `pluginName`. */
  runAsCaller<T>(pluginName: string, work: () => T): T {
    const previous = this.callingPlugin;
    this.callingPlugin = pluginName;
    try {
      return work();
    } finally {
      this.callingPlugin = previous;
    }
  }

  async reloadConfiguration(): Promise<void> {
    if (!this.configReloader) {
      throw new StratusError('CONFIG_RELOAD_UNAVAILABLE', 'There is no service configuration to reload here.', { hint: 'Run the command in a service directory.' });
    }
    await this.configReloader();
  }

  /** Run `work` with schema fragments and errors attributed to `owner`. */
  async as<T>(owner: string, work: () => T | Promise<T>): Promise<T> {
    const previous = this.currentOwner;
    this.currentOwner = owner;
    try {
      return await work();
    } finally {
      this.currentOwner = previous;
    }
  }

  /** Apply a native plugin: it registers through its own `PluginApi`. */
  async applyNative(plugin: StratusPlugin): Promise<void> {
    const api = this.apiFor(plugin.name);
    await this.as(plugin.name, () => plugin.apply(api));
    this.plugins.push({ name: plugin.name, style: 'native', instance: plugin });
  }

  private apiFor(pluginName: string): PluginApi {
    const host = this;
    return {
      pluginName,
      service: this.service,
      log: this.log.child(pluginName),
      progress: this.progress,
      core: this.core,
      hook: (hookId: string, handler: HookHandler, options?: { stage?: number }) =>
        this.tap(pluginName, hookId, handler, { strict: true, ...(options?.stage === undefined ? {} : { stage: options.stage }) }),
      registerCommand: (name, definition) => this.registerCommand(pluginName, name, definition),
      schema: this.schema.forOwner(pluginName),
      registerVariableSource: (name, source) => this.registerVariableSource(pluginName, name, source),
      registerProvider: (name, provider) => this.registerProvider(pluginName, name, provider),
      getProvider: <T>(name: string) => this.getProvider<T>(name),
      spawn: (command, options) => this.spawn(command, options),
      callingPlugin: () => this.callingPlugin,
      reloadConfiguration: () => this.reloadConfiguration(),
      get serverless() {
        return host.serverless;
      },
    };
  }
}
