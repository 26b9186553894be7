import { SecretsRuntimeError } from './errors';

/**
 * The contract with @stratus/plugin-secrets: the variables it puts into a function's environment.
 * Only parameter names travel in AWS; values appear only in local runs or in deploy mode.
 */
/** JSON object: secret name → SSM parameter name (`{"DB_PASSWORD":"/shop/prod/DB_PASSWORD"}`). */
export const SECRETS_VARIABLE = 'STRATUS_SECRETS';
/** `ssm` (default: read SSM at cold start) or `env` (deploy mode: each value is in the variable named after the secret). */
export const SOURCE_VARIABLE = 'STRATUS_SECRETS_SOURCE';
/** JSON object: SSM parameter name → value. Set only by `stratus offline` / `invoke local`, from the local encrypted file. */
export const LOCAL_VALUES_VARIABLE = 'STRATUS_SECRETS_LOCAL';

export type Environment = Readonly<Record<string, string | undefined>>;

function parseObject(env: Environment, variable: string): Record<string, string> | undefined {
  const text = env[variable];
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SecretsRuntimeError('SECRETS_RUNTIME_INVALID_ENVIRONMENT', `${variable} is not valid JSON; it is written by @stratus/plugin-secrets, so deploy again rather than editing it.`, { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((value) => typeof value !== 'string')) {
    throw new SecretsRuntimeError('SECRETS_RUNTIME_INVALID_ENVIRONMENT', `${variable} must be a JSON object of strings; it is written by @stratus/plugin-secrets, so deploy again rather than editing it.`);
  }
  return parsed as Record<string, string>;
}

/** The secrets this function declares (name → parameter name); empty when none. */
export function declaredSecrets(env: Environment): Record<string, string> {
  return parseObject(env, SECRETS_VARIABLE) ?? {};
}

/** Parameter name → value under a local run; undefined in AWS. */
export function localValues(env: Environment): Record<string, string> | undefined {
  return parseObject(env, LOCAL_VALUES_VARIABLE);
}

export function valuesAreInEnvironment(env: Environment): boolean {
  return env[SOURCE_VARIABLE] === 'env';
}
