import type { VariableSource } from '../types';
import { createEnvSource } from './env-source';
import { createFileSource } from './file-source';
import { createOptSource } from './opt-source';
import { paramSource } from './param-source';
import { selfSource } from './self-source';
import { createSlsSource } from './sls-source';
import { strToBoolSource } from './str-to-bool-source';

export interface CoreSourcesOptions {
  /** For `${sls:instanceId}`; pending while absent. */
  instanceId?: string;
  /**
   * False before plugins load: `${opt:x}` for an option that was not passed is pending (a plugin may
   * still declare it). True: it is null, so fallbacks apply.
   */
  optionsComplete: boolean;
  /** Options declared before plugins load (the global ones): their absence is final even then. */
  declaredOptions?: ReadonlySet<string>;
  /**
   * False before `.env` files are loaded: `${env:X}` for an unset variable is pending. Defaults to
   * true. (An addition to the original API: v3's first phase treats unset env vars this way.)
   */
  envComplete?: boolean;
}

/** The sources the core always has: self, opt, env, sls, file, strToBool, param. */
export function createCoreVariableSources(options: CoreSourcesOptions): Map<string, VariableSource> {
  return new Map<string, VariableSource>([
    ['self', selfSource],
    ['opt', createOptSource(options.optionsComplete, options.declaredOptions)],
    ['env', createEnvSource(options.envComplete ?? true)],
    ['sls', createSlsSource(options.instanceId)],
    ['file', createFileSource()],
    ['strToBool', strToBoolSource],
    ['param', paramSource],
  ]);
}
