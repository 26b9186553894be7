import { StratusError } from '../../errors/stratus-error';
import type { VariableSource } from '../types';
import { resolveStage } from './stage';

/**
 * `${param:name}`: `--param "name=value"`, then `params.<stage>.name`, then `params.default.name`.
 * (v3's dashboard parameters have no counterpart here.)
 */
export const paramSource: VariableSource = {
  async resolve(context) {
    const name = context.address;
    if (name === null || name === '') {
      throw new StratusError('VARIABLES_MISSING_ADDRESS', 'The "param" source needs a parameter name', {
        hint: 'Write it as ${param:name}.',
      });
    }
    const fromCli = cliParams(context.options['param']).get(name);
    if (fromCli !== undefined) return { value: fromCli };
    const stage = await resolveStage(context);
    for (const group of [stage, 'default']) {
      const value = await context.resolveConfigurationProperty(['params', group, name]);
      if (value !== undefined && value !== null) return { value };
    }
    return { value: null, eventualErrorMessage: `The param "${name}" cannot be resolved from CLI options or stage params` };
  },
};

/** `--param "a=1" --param "b=2"` arrive as a string or an array of strings. */
function cliParams(option: unknown): Map<string, string> {
  const params = new Map<string, string>();
  if (option === undefined || option === null) return params;
  for (const entry of Array.isArray(option) ? option : [option]) {
    const text = String(entry);
    const separator = text.indexOf('=');
    const name = separator === -1 ? '' : text.slice(0, separator).trim();
    if (name === '') {
      throw new StratusError('INVALID_CLI_PARAM_FORMAT', `Invalid --param value "${text}": expected "<name>=<value>"`, {
        hint: 'Pass parameters as --param "name=value".',
      });
    }
    params.set(name, text.slice(separator + 1));
  }
  return params;
}
