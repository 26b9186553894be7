import { secretsErrors } from '../errors';
import { assertEnvironmentName, logicalIdOf } from '../names';
import { parameterNameOf, type SecretsSettings } from '../settings';
import type { SecretsUsage } from '../usage';

// The contract with @stratus/secrets-runtime (its src/environment.ts); a test keeps them equal.
export const SECRETS_VARIABLE = 'STRATUS_SECRETS';
export const SOURCE_VARIABLE = 'STRATUS_SECRETS_SOURCE';
export const LOCAL_VALUES_VARIABLE = 'STRATUS_SECRETS_LOCAL';

type Config = Record<string, unknown>;

const asRecord = (value: unknown): Config => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Config) : {});

export function isSecretReference(value: unknown, name: string): boolean {
  const record = asRecord(value);
  return Object.keys(record).length === 1 && record.Ref === logicalIdOf(name);
}

/** The functions of the configuration that are objects (what the provider compiles). */
export function functionsOf(configuration: Config): Array<[string, Config]> {
  return Object.entries(asRecord(configuration.functions)).filter((entry): entry is [string, Config] => entry[1] !== null && typeof entry[1] === 'object');
}

function environmentOf(fn: Config): Config {
  if (fn.environment === null || typeof fn.environment !== 'object') fn.environment = {};
  return fn.environment as Config;
}

/**
 * Give each function that declares secrets what it needs to read them, in the in-memory
 * configuration only: `STRATUS_SECRETS` (names → parameter names), and in deploy mode one
 * variable per secret whose value is the stack parameter (`{ Ref: StratusSecret… }`, NoEcho).
 * Running it twice changes nothing.
 */
export function applySecretsEnvironment(configuration: Config, usage: SecretsUsage, settings: SecretsSettings): void {
  const functions = asRecord(configuration.functions);
  const providerEnvironment = asRecord(asRecord(configuration.provider).environment);
  for (const [key, names] of usage.byFunction) {
    const fn = functions[key];
    if (fn === null || typeof fn !== 'object') continue;
    const environment = environmentOf(fn as Config);
    environment[SECRETS_VARIABLE] = JSON.stringify(Object.fromEntries(names.map((name) => [name, parameterNameOf(settings, name)])));
    if (settings.mode !== 'deploy') continue;
    environment[SOURCE_VARIABLE] = 'env';
    for (const name of names) {
      assertEnvironmentName(name, `functions.${key}.secrets`);
      const existing = environment[name] ?? providerEnvironment[name];
      if (existing !== undefined && !isSecretReference(existing, name)) {
        throw secretsErrors.environmentConflict(name in environment ? `functions.${key}` : 'provider', name);
      }
      environment[name] = { Ref: logicalIdOf(name) };
    }
  }
}

/**
 * `stratus offline` / `invoke local`: the same environment as in AWS, plus the values from the
 * local file — for the runtime helper (runtime mode) or in place of the stack parameters (deploy mode).
 */
export function injectLocalValues(configuration: Config, usage: SecretsUsage, settings: SecretsSettings, values: ReadonlyMap<string, string>): void {
  applySecretsEnvironment(configuration, usage, settings);
  const environments = [asRecord(asRecord(configuration.provider).environment), ...functionsOf(configuration).map(([, fn]) => environmentOf(fn))];
  if (settings.mode === 'deploy') {
    for (const environment of environments) {
      for (const [variable, value] of Object.entries(environment)) {
        const name = usage.all.find((candidate) => isSecretReference(value, candidate));
        if (name !== undefined) environment[variable] = values.get(name);
      }
    }
    return;
  }
  const byParameter = JSON.stringify(Object.fromEntries(usage.all.map((name) => [parameterNameOf(settings, name), values.get(name)])));
  for (const [, fn] of functionsOf(configuration)) environmentOf(fn)[LOCAL_VALUES_VARIABLE] = byParameter;
}
