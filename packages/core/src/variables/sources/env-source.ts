import { StratusError } from '../../errors/stratus-error';
import type { VariableSource } from '../types';

/**
 * `${env:NAME}`: an environment variable; an empty string is a value. With `envComplete: false`
 * (before `.env` files are loaded) an unset variable is pending instead of missing.
 */
export function createEnvSource(envComplete: boolean): VariableSource {
  return {
    resolve({ address }) {
      if (address === null || address === '') {
        throw new StratusError('VARIABLES_MISSING_ADDRESS', 'The "env" source needs a variable name', {
          hint: 'Write it as ${env:NAME}.',
        });
      }
      const value = process.env[address];
      if (value !== undefined) return { value };
      return envComplete ? { value: null } : { value: null, isPending: true };
    },
  };
}
