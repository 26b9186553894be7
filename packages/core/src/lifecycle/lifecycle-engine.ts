import { AsyncSeriesHook, HookMap } from 'tapable';
import { StratusError } from '../errors/stratus-error';
import { suggestClosest } from '../errors/suggest';
import type { Logger } from '../logging/logger';
import { CommandRegistry, type RegisteredCommand } from './command-registry';
import { attachHookOrigin, TerminateLifecycleSignal } from './hook-error';

export type HookHandler = (...args: unknown[]) => unknown;

export interface TapOptions {
  /**
   * Native plugins are strict: hooking an id no command declares is an error. v3-style plugins
   * are lenient, as in v3, where hooking another plugin's events is normal (`before:offline:start`
   * when serverless-offline is not installed) — unless the id is a near miss of a real one (a typo).
   */
  strict: boolean;
  /** Order within a bucket: lower runs first (default 0); equal stages keep registration order. */
  stage?: number;
}

interface TapRecord {
  pluginName: string;
  hookId: string;
  strict: boolean;
}

export interface SpawnOptions {
  terminateLifecycleAfterExecution?: boolean;
}

/**
 * Runs commands as ordered lifecycle events. For each event of a command, in order: every
 * `before:` hook, every hook of the event, every `after:` hook — each bucket an AsyncSeriesHook,
 * taps in plugin registration order. `initialize`, `error` and `finalize` are global hooks.
 */
export class LifecycleEngine {
  readonly commands = new CommandRegistry();
  private readonly hooks = new HookMap<AsyncSeriesHook<[unknown]>>(() => new AsyncSeriesHook(['argument']));
  private readonly taps: TapRecord[] = [];
  private depth = 0;

  constructor(private readonly log: Logger) {}

  tap(pluginName: string, hookId: string, handler: HookHandler, options: TapOptions): void {
    this.taps.push({ pluginName, hookId, strict: options.strict });
    this.hooks.for(hookId).tapPromise({ name: pluginName, stage: options.stage ?? 0 }, async (argument) => {
      try {
        await (argument === undefined ? handler() : handler(argument));
      } catch (error) {
        if (error instanceof TerminateLifecycleSignal) throw error;
        throw attachHookOrigin(error, { pluginName, hookId });
      }
    });
  }

  /** The plugins tapped into a hook id, in the order they run. */
  tapsOf(hookId: string): string[] {
    return this.hooks.get(hookId)?.taps.map((tap) => tap.name) ?? [];
  }

  /** Refuse hooks that can never fire (called once every plugin has registered). */
  checkHooks(): void {
    const known = this.commands.lifecycleHookIds();
    for (const { pluginName, hookId, strict } of this.taps) {
      if (known.has(hookId)) continue;
      const suggestion = suggestClosest(hookId, known);
      if (!strict && suggestion === undefined) {
        this.log.debug(`Plugin "${pluginName}" hooks "${hookId}", which no loaded command declares; it will not run.`);
        continue;
      }
      throw new StratusError(
        'PLUGIN_UNKNOWN_LIFECYCLE_EVENT',
        `Plugin "${pluginName}" hooks "${hookId}", but no command declares that lifecycle event, so the hook would never run.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        { hint: suggestion ? `Rename the hook to "${suggestion}".` : 'Run "stratus <command> --help" to see the lifecycle events, or check that the plugin declaring the command is loaded.' },
      );
    }
  }

  /** Run a command as a user asked for it: `initialize` → its lifecycle → `error` or `finalize`. */
  async run(command: RegisteredCommand): Promise<void> {
    await this.call('initialize');
    try {
      await this.invoke(command);
    } catch (error) {
      await this.callErrorHooks(error);
      throw error;
    }
    await this.call('finalize');
  }

  /** Run another command's lifecycle from inside a hook (v3's `pluginManager.spawn`); entry points allowed. */
  async spawn(commandPath: string | readonly string[], options: SpawnOptions = {}): Promise<void> {
    const path = typeof commandPath === 'string' ? commandPath.split(':') : commandPath;
    const command = this.commands.find(path);
    if (!command) {
      throw new StratusError('PLUGIN_SPAWN_UNKNOWN_COMMAND', `Cannot spawn "${path.join(':')}": no command of that name is declared.`, {
        hint: 'Check the command name, and that the plugin that declares it is listed under "plugins:".',
      });
    }
    await this.invoke(command);
    if (options.terminateLifecycleAfterExecution) throw new TerminateLifecycleSignal();
  }

  private async invoke(command: RegisteredCommand): Promise<void> {
    this.log.debug(`${'  '.repeat(this.depth)}lifecycle: invoke ${command.key}`);
    this.depth += 1;
    try {
      for (const event of command.lifecycleEvents) {
        const id = `${command.key}:${event}`;
        await this.call(`before:${id}`);
        await this.call(id);
        await this.call(`after:${id}`);
      }
    } catch (error) {
      if (!(error instanceof TerminateLifecycleSignal)) throw error;
    } finally {
      this.depth -= 1;
    }
  }

  private async call(hookId: string): Promise<void> {
    const hook = this.hooks.get(hookId);
    if (!hook || hook.taps.length === 0) return;
    this.log.debug(`${'  '.repeat(this.depth)}lifecycle: ${hookId}`);
    await hook.promise(undefined);
  }

  private async callErrorHooks(error: unknown): Promise<void> {
    const hook = this.hooks.get('error');
    if (!hook) return;
    // A crash inside an error hook must not hide the original error: report it and go on.
    for (const tap of hook.taps) {
      try {
        await (tap.fn as (argument: unknown) => Promise<void>)(error);
      } catch (hookError) {
        this.log.warning(`The "error" hook of plugin "${tap.name}" failed: ${hookError instanceof Error ? hookError.message : String(hookError)}`);
      }
    }
  }
}
