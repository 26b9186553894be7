import type { PluginApi } from '@stratus/core';
import { parameterNameOf } from '../settings';
import { redactValue } from '../redaction';
import type { SecretsRun } from '../secrets-run';
import { applySecretsEnvironment } from './function-environment';
import { addRoleStatements, secretStatements } from './iam-grant';
import { addStackParameterValues, addTemplateParameters, recordVersions, removeStackParameterValues } from './stack-parameters';

type Config = Record<string, unknown>;

/** The local secrets files never go into a zip (they are encrypted, but have no use in Lambda). */
const PACKAGE_EXCLUDES = ['!secrets.*.enc.json', '!secrets.*.enc.json.lock'];

function excludeSecretsFiles(configuration: Config): void {
  const packageConfig = (configuration.package ??= {}) as Config;
  const patterns = Array.isArray(packageConfig.patterns) ? (packageConfig.patterns as unknown[]) : (packageConfig.patterns = [] as unknown[]);
  for (const pattern of PACKAGE_EXCLUDES) if (!patterns.includes(pattern)) patterns.push(pattern);
}

/**
 * `package` and `deploy` for AWS: the in-memory configuration gets the environment and the IAM
 * grant before the template is compiled; deploy mode adds NoEcho parameters, and their values
 * only as stack parameters, after `.serverless/` has been written.
 */
export function registerPackageHooks(api: PluginApi, run: SecretsRun): void {
  const provider = () => run.configuration.provider as Config;
  let stackParameterKeys: string[] = [];
  let deployValues = new Map<string, string>();

  api.hook('before:package:setupProviderConfiguration', () => {
    excludeSecretsFiles(run.configuration);
    const { usage } = run;
    if (usage.all.length === 0) return;
    const settings = run.settings();
    applySecretsEnvironment(run.configuration, usage, settings);
    if (settings.mode === 'runtime') {
      const parameters = usage.all.map((name) => parameterNameOf(settings, name));
      addRoleStatements(provider(), secretStatements(parameters, settings.kmsKeyId), api.log, parameters);
    }
  });

  api.hook('after:package:compileFunctions', () => {
    const settings = run.settings();
    const template = provider().compiledCloudFormationTemplate as Config | undefined;
    if (settings.mode === 'deploy' && template && run.usage.all.length > 0) addTemplateParameters(template, run.usage.all, settings);
  });

  // Runs after the provider's own before:deploy:deploy (service plugins load after it): packaged, template loaded.
  api.hook('before:deploy:deploy', async () => {
    const names = run.usage.all;
    if (names.length === 0) return;
    const settings = run.settings();
    const store = run.awsStore();
    if (settings.mode === 'runtime') {
      // Fail before deploying a function whose secrets do not exist (no decryption needed to know).
      await store.versions(names);
      return;
    }
    const found = await store.valuesWithVersions(names);
    for (const { value } of found.values()) redactValue(api.log, value);
    deployValues = new Map([...found].map(([name, { value }]) => [name, value]));
    const template = provider().compiledCloudFormationTemplate as Config | undefined;
    if (template) recordVersions(template, new Map([...found].map(([name, { version }]) => [name, version])), settings);
    api.log.verbose(`Secrets ${names.join(', ')} read from ${store.where} for the stack parameters`);
  });

  api.hook('before:aws:deploy:deploy:updateStack', () => {
    if (deployValues.size > 0) stackParameterKeys = addStackParameterValues(provider(), deployValues);
  });
  api.hook('after:aws:deploy:deploy:updateStack', () => {
    removeStackParameterValues(provider(), stackParameterKeys);
    stackParameterKeys = [];
  });

  // `deploy function` sends the environment straight to Lambda: it must carry STRATUS_SECRETS too.
  api.hook('before:deploy:function:deploy', () => {
    if (run.usage.all.length > 0) applySecretsEnvironment(run.configuration, run.usage, run.settings());
  });
}
