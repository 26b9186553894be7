import { StratusError } from '../../errors/stratus-error';
import type { VariableSource } from '../types';

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
]);

/** `${strToBool(${env:FLAG})}`: "true"/"1" → true, "false"/"0" → false (trimmed, any case). */
export const strToBoolSource: VariableSource = {
  resolve({ params }) {
    const [input] = params;
    const text = typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean' ? String(input) : undefined;
    const value = text === undefined ? undefined : BOOLEANS.get(text.trim().toLowerCase());
    if (value !== undefined) return { value };
    throw new StratusError(
      'VARIABLES_INVALID_STR_TO_BOOL_INPUT',
      `Invalid "strToBool" input: Expected either "true", "false", "0", or "1". Received: ${describe(input)}`,
      { hint: 'Pass one of "true", "false", "0" or "1", e.g. ${strToBool(${env:FLAG, \'false\'})}.' },
    );
  },
};

function describe(input: unknown): string {
  if (input === undefined) return 'nothing';
  return typeof input === 'object' && input !== null ? JSON.stringify(input) : String(input);
}
