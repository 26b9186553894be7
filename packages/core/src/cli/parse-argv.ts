import { StratusError } from '../errors/stratus-error';
import { didYouMean } from '../errors/suggest';
import type { OptionDefinition } from '../lifecycle/command-definition';

export interface SplitArgv {
  /** Leading words that are not options: `deploy function`. */
  commands: string[];
  /** Everything after them. */
  rest: string[];
}

export function splitArgv(argv: readonly string[]): SplitArgv {
  const firstOption = argv.findIndex((token) => token.startsWith('-'));
  const end = firstOption === -1 ? argv.length : firstOption;
  return { commands: argv.slice(0, end), rest: argv.slice(end) };
}

interface ParsedOptions {
  options: Record<string, unknown>;
  unknown: string[];
  positionals: string[];
}

function booleanValue(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === 'true') return true;
  if (raw === 'false') return false;
  return raw;
}

/**
 * Parse option tokens. With `definitions`, an option's type decides whether it takes a value;
 * an unknown option takes the next token as its value unless that looks like an option (the
 * loose reading used before plugins have declared their options).
 */
function parseTokens(tokens: readonly string[], definitions: Record<string, OptionDefinition>): ParsedOptions {
  const byShortcut = new Map(Object.entries(definitions).flatMap(([name, d]) => (d.shortcut ? [[d.shortcut, name] as const] : [])));
  const options: Record<string, unknown> = {};
  const unknown: string[] = [];
  const positionals: string[] = [];

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as string;
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const isLong = token.startsWith('--');
    const body = token.slice(isLong ? 2 : 1);
    const equals = body.indexOf('=');
    let key = equals === -1 ? body : body.slice(0, equals);
    let inline: string | undefined = equals === -1 ? undefined : body.slice(equals + 1);
    if (!isLong) key = byShortcut.get(key) ?? key;
    let definition = definitions[key];
    if (!definition && isLong && key.startsWith('no-') && definitions[key.slice(3)]?.type === 'boolean') {
      key = key.slice(3);
      definition = definitions[key];
      inline = 'false';
    }
    if (!definition) unknown.push(isLong ? `--${key}` : `-${key}`);

    const next = tokens[index + 1];
    const nextIsValue = next !== undefined && !next.startsWith('-');
    const type = definition?.type ?? (nextIsValue || inline !== undefined ? 'string' : 'boolean');
    if (type === 'boolean') {
      options[key] = booleanValue(inline);
      continue;
    }
    let value = inline;
    if (value === undefined && nextIsValue) {
      value = next;
      index += 1;
    }
    if (value === undefined) {
      // `--debug` with no value, and the like: present means true.
      options[key] = true;
      continue;
    }
    if (type === 'multiple') options[key] = [...((options[key] as string[] | undefined) ?? []), value];
    else options[key] = value;
  }
  return { options, unknown, positionals };
}

/** Before plugins load: read what we can (`--stage`, `--config`, `--param`…), never fail. */
export function parseOptionsLoosely(tokens: readonly string[], definitions: Record<string, OptionDefinition>): Record<string, unknown> {
  return parseTokens(tokens, definitions).options;
}

/**
 * Once the command is known: every option must be one it accepts, required ones present,
 * defaults applied. Fills `into` in place (the one options object plugins already hold).
 */
export function parseCommandOptions(
  tokens: readonly string[],
  definitions: Record<string, OptionDefinition>,
  commandName: string,
  into: Record<string, unknown>,
): void {
  const { options, unknown, positionals } = parseTokens(tokens, definitions);
  if (positionals.length > 0) {
    throw new StratusError('CLI_UNEXPECTED_ARGUMENT', `"stratus ${commandName}" does not take the argument "${positionals[0]}".`, {
      hint: `Options are written "--name value". Run "stratus ${commandName} --help" to list them.`,
    });
  }
  const unknownOption = unknown[0];
  if (unknownOption !== undefined) {
    const known = Object.keys(definitions).map((name) => `--${name}`);
    throw new StratusError('CLI_UNKNOWN_OPTION', `"stratus ${commandName}" has no option "${unknownOption}".${didYouMean(unknownOption, known)}`, {
      hint: `Run "stratus ${commandName} --help" to list its options.`,
    });
  }
  for (const key of Object.keys(into)) delete into[key];
  Object.assign(into, options);
  for (const [name, definition] of Object.entries(definitions)) {
    const missing = into[name] === undefined;
    if (missing && definition.default !== undefined) into[name] = definition.default;
    if (into[name] === undefined && definition.required && !into.help) {
      const shortcut = definition.shortcut ? ` (-${definition.shortcut})` : '';
      throw new StratusError('CLI_MISSING_REQUIRED_OPTION', `"stratus ${commandName}" needs the option --${name}${shortcut}.`, {
        hint: definition.usage ? `--${name}: ${definition.usage}` : `Run "stratus ${commandName} --help".`,
      });
    }
    if (definition.type === 'string' && typeof into[name] === 'boolean' && into[name] === true && name !== 'debug') {
      throw new StratusError('CLI_MISSING_OPTION_VALUE', `Option --${name} of "stratus ${commandName}" needs a value.`, { hint: `Write "--${name} <value>".` });
    }
  }
}
