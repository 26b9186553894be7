import type { VariableSource } from '../types';

/**
 * `${opt:stage}`: a CLI option; an empty address is all options. Before plugins load, an option
 * that was not passed is pending rather than missing: a plugin may still declare it.
 */
export function createOptSource(optionsComplete: boolean, declaredOptions: ReadonlySet<string> = new Set()): VariableSource {
  return {
    resolve({ address, options }) {
      if (address === null || address === '') return { value: options };
      const value = options[address];
      if (value !== undefined && value !== null) return { value };
      // Options the core declares (stage, region…) cannot be declared later by a plugin: missing is final.
      return optionsComplete || declaredOptions.has(address) ? { value: null } : { value: null, isPending: true };
    },
  };
}
