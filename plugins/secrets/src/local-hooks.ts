import type { PluginApi } from '@stratus/core';
import { injectLocalValues } from './deploy/function-environment';
import { redactValue } from './redaction';
import type { SecretsRun } from './secrets-run';

/**
 * `stratus invoke local` and `stratus offline` read secrets from the local encrypted file and
 * inject them into the in-memory configuration, so a handler behaves as it does in AWS. The
 * offline plugin knows nothing of this: its hooks are only tapped when `offline` is the command,
 * because a native plugin may not hook events of a command that is not loaded.
 */
export function registerLocalHooks(api: PluginApi, run: SecretsRun): void {
  let injected = false;
  const inject = async (): Promise<void> => {
    const names = run.usage.all;
    if (injected || names.length === 0) return;
    const store = run.localStore();
    const values = await store.getMany(names);
    for (const value of values.values()) redactValue(api.log, value);
    injectLocalValues(run.configuration, run.usage, run.settings(), values);
    injected = true;
    api.log.verbose(`Secrets ${names.join(', ')} read from ${store.where}`);
  };
  api.hook('before:invoke:local:invoke', inject);
  if (api.service.commands[0] === 'offline') {
    api.hook('before:offline:start', inject);
    api.hook('before:offline:start:init', inject);
    // offline re-reads serverless.yml when it changes: the fresh configuration needs the values again.
    api.core.configReloaded.tapPromise('@stratus/plugin-secrets', async () => {
      injected = false;
      await inject();
    });
  }
}
