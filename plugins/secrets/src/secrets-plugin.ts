import { providerNameOf, type PluginApi, type StratusPlugin } from '@stratus/core';
import { registerSecretsCommands, type CommandIo } from './commands/secrets-commands';
import { registerPackageHooks } from './deploy/package-hooks';
import { registerLocalHooks } from './local-hooks';
import { defineSecretsSchema } from './schema';
import { SecretsRun, type SecretsRunOptions } from './secrets-run';
import { secretVariableSource } from './variable-source';

export const PLUGIN_NAME = '@stratus/plugin-secrets';

/** A plugin instance with its outside world replaced (tests: environment, SSM client, stdin). */
export function createSecretsPlugin(options: SecretsRunOptions & Partial<CommandIo> = {}): StratusPlugin {
  return {
    name: PLUGIN_NAME,
    apply(api: PluginApi) {
      const run = new SecretsRun(api, options);
      defineSecretsSchema(api.schema);
      api.registerVariableSource('secret', secretVariableSource(run));
      api.core.configResolved.tapPromise(PLUGIN_NAME, async () => run.configurationResolved());
      api.hook('initialize', () => run.restoreProviderSecrets());
      registerSecretsCommands(api, run, { stdin: options.stdin ?? process.stdin });
      // The hooks below belong to AWS commands; another provider has none of them.
      if (providerNameOf(api.service.configuration) !== 'aws') return;
      registerPackageHooks(api, run);
      registerLocalHooks(api, run);
    },
  };
}

/** `plugins: [ '@stratus/plugin-secrets' ]`. */
export const secretsPlugin: StratusPlugin = createSecretsPlugin();
