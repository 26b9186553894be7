import { join } from 'node:path';
import { StratusError } from '../../errors/stratus-error';
import { createCoreVariableSources, resolveVariables, type ResolveVariablesOptions } from '../index';

export const FIXTURES_DIR = join(__dirname);

export type Config = Record<string, unknown>;

export type RunOptions = Partial<Omit<ResolveVariablesOptions, 'configuration'>> & {
  optionsComplete?: boolean;
  envComplete?: boolean;
  instanceId?: string;
};

/** Resolves `configuration` in place with the core sources (final pass unless told otherwise). */
export async function run(configuration: Config, settings: RunOptions = {}): Promise<Config> {
  const { optionsComplete = true, envComplete, instanceId, ...rest } = settings;
  await resolveVariables({
    configuration,
    sources: createCoreVariableSources({ optionsComplete, envComplete, instanceId }),
    serviceDir: FIXTURES_DIR,
    configFile: 'serverless.yml',
    options: {},
    final: true,
    ...rest,
  });
  return configuration;
}

/** The StratusError `run` throws; fails the test when it does not throw. */
export async function runError(configuration: Config, settings: RunOptions = {}): Promise<StratusError> {
  try {
    await run(configuration, settings);
  } catch (error) {
    if (error instanceof StratusError) return error;
    throw error;
  }
  throw new Error('expected resolveVariables to throw');
}
