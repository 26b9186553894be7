import { StratusError } from '../../errors/stratus-error';
import { didYouMean } from '../../errors/suggest';
import type { VariableSource } from '../types';
import { resolveStage } from './stage';

const ADDRESSES = ['instanceId', 'stage'];

/** `${sls:stage}` and `${sls:instanceId}` (pending until the instance id exists). */
export function createSlsSource(instanceId: string | undefined): VariableSource {
  return {
    async resolve(context) {
      const { address } = context;
      if (address === 'stage') return { value: await resolveStage(context) };
      if (address === 'instanceId') {
        return instanceId === undefined ? { value: null, isPending: true } : { value: instanceId };
      }
      const suggestion = didYouMean(address ?? '', ADDRESSES);
      const message = `Unsupported "sls" variable source address: "${address ?? ''}"`;
      throw new StratusError('UNSUPPORTED_SLS_SOURCE_ADDRESS', suggestion === '' ? message : `${message}.${suggestion}`, {
        hint: 'The "sls" source knows ${sls:stage} and ${sls:instanceId}.',
      });
    },
  };
}
