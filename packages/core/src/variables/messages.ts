/** Message and hint texts of variable resolution, in one place (wording follows v3 where it has one). */

export const MAX_NEST_DEPTH = 10;

export const messages = {
  notFound: (type: string) => `Value not found at "${type}" source`,
  stillPending: (type: string) => `Value at "${type}" source could not be resolved at this stage`,
  nonStringInterpolation: () => 'String value consist of variable which resolve with non-string value',
  excessiveDepth: () => 'Excessive variables nest depth',
  excessivePropertyDepth: () => 'Excessive property variables nest depth',
  unexpectedResult: (type: string) =>
    `Source "${type}" returned an unexpected result (expected an object with a "value" property)`,
  circular: (chain: readonly string[]) =>
    chain.length === 2 && chain[0] === chain[1]
      ? `Circular reference: "${chain[0] ?? ''}" refers to itself`
      : `Circular reference: ${chain.join(' → ')}`,
  resolution: (configFile: string, items: readonly string[]) =>
    `Cannot resolve ${configFile}: Variables resolution errored with:\n${items.map((item) => `  - ${item}`).join('\n')}`,
  unrecognized: (types: readonly string[]) =>
    `Unrecognized configuration variable sources: ${types.map((type) => `"${type}"`).join(', ')}`,
} as const;

export const hints = {
  circular: () => 'Break the cycle: one of these properties must get its value without referring back to the others.',
  depth: () => 'A variable keeps resolving to text that contains variables; look for a value that refers to itself.',
  nonString: () =>
    'Only strings, numbers and booleans can be embedded in text. Make the variable the whole value to use an object, array or null.',
  syntax: () => 'Check the variable syntax: ${source:address, fallback} — quote literal fallbacks (\'text\').',
  unrecognized: () =>
    'Check the spelling of the source type, or add the plugin that provides it to "plugins".',
  notFound(type: string, address: string | null): string {
    const name = address ?? 'name';
    const fallback = `or add a fallback: \${${type}:${name}, 'default'}`;
    switch (type) {
      case 'env':
        return `Set the environment variable "${name}", ${fallback}`;
      case 'opt':
        return `Pass the option --${name} <value>, ${fallback}`;
      case 'self':
        return `Define "${name}" in the configuration, ${fallback}`;
      case 'file':
        return `Check that the file and the address inside it exist, or add a fallback: \${file(./path), 'default'}`;
      case 'param':
        return `Pass --param "${name}=<value>", set params.<stage>.${name} or params.default.${name}, ${fallback}`;
      default:
        return `Add a fallback value: \${${type}:${name}, 'default'}`;
    }
  },
} as const;
