import type { CommandRegistry, RegisteredCommand } from '../lifecycle/command-registry';
import { GLOBAL_OPTIONS, type OptionDefinition } from '../lifecycle/command-definition';

function optionLines(options: Record<string, OptionDefinition>): string[] {
  const rows = Object.entries(options).map(([name, option]) => {
    const flag = `--${name}${option.shortcut ? ` / -${option.shortcut}` : ''}`;
    const notes = [option.required ? 'required' : '', option.default !== undefined ? `default: ${JSON.stringify(option.default)}` : '']
      .filter(Boolean)
      .join(', ');
    return [flag, `${option.usage ?? ''}${notes ? ` (${notes})` : ''}`] as const;
  });
  const width = Math.max(0, ...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

/** `stratus --help`: every command a user can run, including those plugins added. */
export function renderGeneralHelp(registry: CommandRegistry, version: string): string {
  const commands = registry.userCommands();
  const width = Math.max(0, ...commands.map((command) => command.path.join(' ').length));
  return [
    `Stratus ${version} — Serverless Framework v3 compatible`,
    '',
    'Usage: stratus <command> [options]',
    '',
    'Commands',
    ...commands.map((command) => `  ${command.path.join(' ').padEnd(width)}  ${command.usage ?? ''}`),
    '',
    'Global options',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Run "stratus <command> --help" for the options of a command.',
  ].join('\n');
}

/** `stratus <command> --help`: usage, options, sub-commands and the lifecycle events plugins can hook. */
export function renderCommandHelp(registry: CommandRegistry, command: RegisteredCommand): string {
  const name = command.path.join(' ');
  const children = [...command.children.values()].filter((child) => child.type !== 'entrypoint');
  const lines = [`stratus ${name}${command.usage ? ` — ${command.usage}` : ''}`, ''];
  if (Object.keys(command.options).length > 0) lines.push('Options', ...optionLines(command.options), '');
  if (children.length > 0) lines.push('Sub-commands', ...children.map((child) => `  ${child.path.join(' ')}  ${child.usage ?? ''}`), '');
  if (command.lifecycleEvents.length > 0) lines.push('Lifecycle events', ...command.lifecycleEvents.map((event) => `  ${command.key}:${event}`), '');
  lines.push('Global options', ...optionLines(GLOBAL_OPTIONS));
  return lines.join('\n');
}
