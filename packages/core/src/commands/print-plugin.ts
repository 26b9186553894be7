import { stringify } from 'yaml';
import { StratusError } from '../errors/stratus-error';
import type { StratusPlugin } from '../plugins/plugin-api';

function valueAtPath(root: unknown, dotPath: string): unknown {
  let current = root;
  for (const key of dotPath.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) {
      throw new StratusError('PRINT_INVALID_PATH', `"${dotPath}" is not in the configuration (no "${key}").`, {
        hint: 'Run "stratus print" to see the whole configuration, then pick a dot path such as provider.stage.',
      });
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function asText(value: unknown): string {
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) return value.join('\n');
  if (value === null || typeof value !== 'object') return String(value);
  throw new StratusError('PRINT_INVALID_TEXT_FORMAT', '--format text prints a single value or a list of values, and this is an object.', {
    hint: 'Use --format yaml or --format json, or a --path that points to a value.',
  });
}

/** `stratus print`: the fully resolved configuration, with the defaults Stratus adds. */
export const printPlugin: StratusPlugin = {
  name: 'stratus:print',
  apply(api) {
    api.hook('print:print', () => {
      const { options, configuration } = api.service;
      let value: unknown = typeof options.path === 'string' ? valueAtPath(configuration, options.path) : configuration;
      if (options.transform === 'keys') {
        value = value && typeof value === 'object' ? Object.keys(value) : [];
      } else if (options.transform !== undefined) {
        throw new StratusError('PRINT_INVALID_TRANSFORM', `--transform "${String(options.transform)}" is not supported.`, { hint: 'The only transform is "keys".' });
      }
      const format = options.format ?? 'yaml';
      if (format === 'json') api.log.writeText(JSON.stringify(value, null, 2));
      else if (format === 'yaml') api.log.writeText(stringify(value, { aliasDuplicateObjects: false }).trimEnd());
      else if (format === 'text') api.log.writeText(asText(value));
      else throw new StratusError('PRINT_INVALID_FORMAT', `--format "${String(format)}" is not supported.`, { hint: 'Use yaml, json or text.' });
    });
  },
};
