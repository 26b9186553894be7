import { splitDotPath } from '../property-path';
import type { VariableSource } from '../types';

/**
 * `${self:provider.stage}`: another property of the configuration, resolved first. An empty address
 * is the whole configuration. Needs nothing but the context, so it is an ordinary, replaceable source.
 */
export const selfSource: VariableSource = {
  async resolve({ address, resolveConfigurationProperty }) {
    return { value: (await resolveConfigurationProperty(splitDotPath(address ?? ''))) ?? null };
  },
};
