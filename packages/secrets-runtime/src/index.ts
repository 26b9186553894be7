// The public API of @stratus/secrets-runtime.
export { getSecret, loadSecrets, clearSecretsCache, configureSecrets, type SecretsRuntimeOptions } from './secrets-runtime';
export { SecretsRuntimeError } from './errors';
export { SECRETS_VARIABLE, SOURCE_VARIABLE, LOCAL_VALUES_VARIABLE } from './environment';
export type { SsmClientLike } from './ssm-fetch';
