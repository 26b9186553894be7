import path from 'node:path';
import type { RegisteredCommand } from '../lifecycle/command-registry';
import type { PluginHost } from '../plugins/plugin-host';
import { ServerlessError } from './serverless-error';
import { addV3PluginNow, type V3PluginClass } from './v3-plugin-adapter';

/** A command as v3's `pluginManager.commands` held it: the definition plus `key`, `pluginName` and nested `commands`. */
function v3Command(command: RegisteredCommand, includeEntryPoints: boolean): Record<string, unknown> {
  const children = [...command.children].filter(([, child]) => includeEntryPoints || child.type !== 'entrypoint');
  return {
    key: command.key,
    pluginName: command.owners[0],
    usage: command.usage,
    lifecycleEvents: command.lifecycleEvents,
    options: command.options,
    type: command.type,
    configDependent: command.configDependent,
    commands: Object.fromEntries(children.map(([name, child]) => [name, v3Command(child, includeEntryPoints)])),
  };
}

function v3Commands(host: PluginHost, includeEntryPoints: boolean): Record<string, Record<string, unknown>> {
  const roots = host.engine.commands.all().filter((command) => command.path.length === 1 && (includeEntryPoints || command.type !== 'entrypoint'));
  return Object.fromEntries(roots.map((command) => [command.key, v3Command(command, includeEntryPoints)]));
}

/** `{ [hookId]: [{ pluginName, hook }] }` in the order the hooks run, as v3 kept it. */
function v3Hooks(host: PluginHost): Record<string, Array<{ pluginName: string; hook: (...args: unknown[]) => unknown }>> {
  const byId: Record<string, Array<{ pluginName: string; hook: (...args: unknown[]) => unknown }>> = {};
  for (const record of host.hookRecords) (byId[record.hookId] ??= []).push({ pluginName: record.pluginName, hook: record.handler });
  for (const [hookId, entries] of Object.entries(byId)) {
    const order = host.engine.tapsOf(hookId);
    entries.sort((a, b) => order.indexOf(a.pluginName) - order.indexOf(b.pluginName));
  }
  return byId;
}

function commandPath(commands: string | readonly string[]): string[] {
  return typeof commands === 'string' ? commands.split(':') : [...commands];
}

/**
 * v3's `serverless.pluginManager`, as plugins use it: `spawn` (their own entry points), `cliOptions`,
 * `plugins`, `commands`, `hooks`, `addPlugin`… Its loading internals are left to the guard, which
 * reports them as not implemented.
 */
export function createPluginManagerFacade(host: PluginHost, serverless: () => Record<string, unknown>): Record<string, unknown> {
  const context = host.service;
  const instances = (): unknown[] => host.plugins.map((record) => record.instance);
  const findCommand = (commands: string | readonly string[], allowEntryPoints = false): RegisteredCommand => {
    const found = host.engine.commands.find(commandPath(commands));
    if (!found || (found.type === 'entrypoint' && !allowEntryPoints)) {
      throw new ServerlessError(`Unrecognized command "${commandPath(commands).join(' ')}"`, 'UNRECOGNIZED_COMMAND');
    }
    return found;
  };

  return {
    get serverless() {
      return serverless();
    },
    get cliOptions() {
      return context.options;
    },
    get cliCommands() {
      return [...context.commands];
    },
    pluginIndependentCommands: new Set(['help', 'plugin']),
    get plugins() {
      return instances();
    },
    getPlugins: instances,
    get externalPlugins() {
      return new Set(host.plugins.filter((record) => record.style === 'v3').map((record) => record.instance));
    },
    localPluginsPaths: [],
    deprecatedEvents: {},
    dashboardPlugin: undefined,
    get commands() {
      return v3Commands(host, true);
    },
    getCommands: () => v3Commands(host, false),
    getCommand: (commands: string | readonly string[], allowEntryPoints?: boolean) => v3Command(findCommand(commands, allowEntryPoints), true),
    validateCommand: (commands: string | readonly string[]) => {
      findCommand(commands);
    },
    get hooks() {
      return v3Hooks(host);
    },
    getHooks: (hookIds: string | string[]) => {
      const hooks = v3Hooks(host);
      return (Array.isArray(hookIds) ? hookIds : [hookIds]).flatMap((hookId) => hooks[hookId] ?? []);
    },
    spawn: (command: string | string[], spawnOptions?: { terminateLifecycleAfterExecution?: boolean }) => host.spawn(command, spawnOptions),
    invoke: (commands: string | string[]) => host.spawn(commands),
    run: (commands: string | string[]) => host.engine.run(findCommand(commands)),
    /** Construct and register another v3 plugin class now (plugins that bundle other plugins do this). */
    addPlugin: (PluginClass: V3PluginClass & { _serverlessExternalPluginName?: string }) =>
      addV3PluginNow(host, PluginClass, PluginClass._serverlessExternalPluginName ?? PluginClass.name, true)?.instance ?? null,
    parsePluginsObject: (plugins: unknown) => {
      let localPath = context.serviceDir ? path.join(context.serviceDir, '.serverless_plugins') : undefined;
      if (Array.isArray(plugins)) return { modules: plugins, localPath };
      const record = (plugins ?? {}) as { modules?: unknown; localPath?: unknown };
      if (typeof record.localPath === 'string' && record.localPath) localPath = record.localPath;
      return { modules: Array.isArray(record.modules) ? record.modules : [], localPath };
    },
  };
}
