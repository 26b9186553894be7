import { StratusError } from '../errors/stratus-error';
import { didYouMean } from '../errors/suggest';
import { GLOBAL_OPTIONS, type CommandDefinition, type OptionDefinition } from './command-definition';

/** A command after merging every plugin's contribution to it. */
export interface RegisteredCommand {
  /** `['deploy', 'function']` */
  readonly path: readonly string[];
  /** `deploy:function` — the prefix of its lifecycle event ids. */
  readonly key: string;
  usage: string | undefined;
  lifecycleEvents: string[];
  options: Record<string, OptionDefinition>;
  type: 'entrypoint' | 'container' | undefined;
  configDependent: boolean;
  providerDependent: boolean;
  /** Plugins that declared or extended it, first one first. */
  owners: string[];
  children: Map<string, RegisteredCommand>;
}

/**
 * The table of commands. Several plugins may declare the same command: their definitions merge
 * as in v3 (options added if new, first definition wins; sub-commands merged; lifecycle events
 * replaced only by a non-empty list), which is how plugins add options to built-in commands.
 */
export class CommandRegistry {
  private readonly roots = new Map<string, RegisteredCommand>();
  private readonly aliases = new Map<string, { target: string[]; owner: string }>();

  register(owner: string, name: string, definition: CommandDefinition): void {
    this.merge(owner, [name], definition, this.roots, undefined);
  }

  private merge(
    owner: string,
    path: string[],
    definition: CommandDefinition,
    siblings: Map<string, RegisteredCommand>,
    parentType: RegisteredCommand['type'],
  ): void {
    const name = path[path.length - 1] as string;
    let command = siblings.get(name);
    // Sub-commands of an internal entry point are internal too.
    const type = definition.type ?? (parentType === 'entrypoint' ? 'entrypoint' : undefined);
    if (!command) {
      command = {
        path: [...path],
        key: path.join(':'),
        usage: definition.usage,
        lifecycleEvents: [...(definition.lifecycleEvents ?? [])],
        options: {},
        type,
        configDependent: definition.configDependent ?? true,
        providerDependent: definition.providerDependent ?? true,
        owners: [owner],
        children: new Map(),
      };
      siblings.set(name, command);
    } else {
      if (!command.owners.includes(owner)) command.owners.push(owner);
      command.usage ??= definition.usage;
      command.type ??= type;
      if (definition.lifecycleEvents && definition.lifecycleEvents.length > 0) command.lifecycleEvents = [...definition.lifecycleEvents];
    }
    for (const [optionName, option] of Object.entries(definition.options ?? {})) {
      if (!(optionName in command.options)) command.options[optionName] = { ...option };
    }
    for (const [childName, child] of Object.entries(definition.commands ?? {})) {
      this.merge(owner, [...path, childName], child, command.children, command.type);
    }
    for (const alias of definition.aliases ?? []) this.addAlias(owner, alias, path);
  }

  private addAlias(owner: string, alias: string, target: string[]): void {
    const existing = this.aliases.get(alias);
    if (existing) {
      throw new StratusError('PLUGIN_INVALID_COMMAND_ALIAS', `Alias "${alias}" is defined by both "${existing.owner}" and "${owner}".`, {
        hint: 'Remove one of the two plugins or ask its author to rename the alias.',
      });
    }
    const aliasPath = alias.split(':');
    if (this.find(aliasPath)) {
      throw new StratusError('PLUGIN_INVALID_COMMAND_ALIAS', `Plugin "${owner}" defines alias "${alias}", which is already a command.`, {
        hint: 'Pick an alias that no command uses.',
      });
    }
    this.aliases.set(alias, { target, owner });
  }

  /** The command at `path`, following aliases; entry points included. */
  find(path: readonly string[]): RegisteredCommand | undefined {
    const alias = this.aliases.get(path.join(':'));
    const resolved = alias ? alias.target : path;
    let level = this.roots;
    let found: RegisteredCommand | undefined;
    for (const word of resolved) {
      found = level.get(word);
      if (!found) return undefined;
      level = found.children;
    }
    return found;
  }

  /** Like `find`, but for what a user typed: entry points are hidden, misses get a suggestion. */
  findForUser(path: readonly string[]): RegisteredCommand {
    const command = this.find(path);
    if (command && command.type !== 'entrypoint') return command;
    const typed = path.join(' ');
    const candidates = this.userCommands().map((c) => c.path.join(' '));
    throw new StratusError('CLI_UNKNOWN_COMMAND', `"${typed}" is not a stratus command.${didYouMean(typed, candidates)}`, {
      hint: 'Run "stratus --help" to list the commands (plugins listed under "plugins:" add more).',
    });
  }

  /** Every command a user can type, depth first, in declaration order. */
  userCommands(): RegisteredCommand[] {
    return this.all().filter((command) => command.type !== 'entrypoint');
  }

  all(): RegisteredCommand[] {
    const out: RegisteredCommand[] = [];
    const walk = (level: Map<string, RegisteredCommand>): void => {
      for (const command of level.values()) {
        out.push(command);
        walk(command.children);
      }
    };
    walk(this.roots);
    return out;
  }

  /** Every hook id that can fire: `initialize`, `error`, `finalize`, and before/at/after each event. */
  lifecycleHookIds(): Set<string> {
    const ids = new Set(['initialize', 'error', 'finalize']);
    for (const command of this.all()) {
      for (const event of command.lifecycleEvents) {
        const id = `${command.key}:${event}`;
        ids.add(id).add(`before:${id}`).add(`after:${id}`);
      }
    }
    return ids;
  }

  /** The options a command accepts: its own, then the global ones. */
  optionsOf(command: RegisteredCommand): Record<string, OptionDefinition> {
    return { ...GLOBAL_OPTIONS, ...command.options };
  }
}
