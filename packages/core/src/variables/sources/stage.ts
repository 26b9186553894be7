import type { VariableSourceContext } from '../types';

/** The stage as v3's `getStage()` sees it: `--stage`, then `provider.stage`, then `dev`. */
export async function resolveStage(context: VariableSourceContext): Promise<string> {
  const fromOption = context.options['stage'];
  if (typeof fromOption === 'string' && fromOption !== '') return fromOption;
  const fromConfig = await context.resolveConfigurationProperty(['provider', 'stage']);
  if ((typeof fromConfig === 'string' && fromConfig !== '') || typeof fromConfig === 'number') return String(fromConfig);
  return 'dev';
}
