import { stageOf, type VariableSource } from '@stratus/core';
import { assertSecretName, logicalIdOf } from './names';
import type { SecretsRun } from './secrets-run';
import { parameterNameOf, readSettings, serviceNameOf } from './settings';

/**
 * `${secret:NAME}`. Never a value: in runtime mode the SSM parameter name (the function reads it
 * with @stratus/secrets-runtime, and the role may read exactly that parameter); in deploy mode
 * `{ Ref: StratusSecret<Name> }`, a NoEcho stack parameter filled at deploy time.
 */
export function secretVariableSource(run: SecretsRun): VariableSource {
  return {
    async resolve({ address, resolveConfigurationProperty }) {
      const name = assertSecretName(address?.trim() ?? '', '${secret:…}');
      run.recordReference(name);
      // custom.secrets may itself hold variables: wait for it rather than reading it raw.
      const custom = await resolveConfigurationProperty(['custom', 'secrets']);
      const settings = readSettings({ service: serviceNameOf(run.configuration), stage: stageOf(run.api.service), custom });
      return { value: settings.mode === 'deploy' ? { Ref: logicalIdOf(name) } : parameterNameOf(settings, name) };
    },
  };
}
