// The public API of @stratus/plugin-secrets.
import { secretsPlugin } from './secrets-plugin';

export default secretsPlugin;
export { secretsPlugin, createSecretsPlugin, PLUGIN_NAME } from './secrets-plugin';
export { SECRETS_COMMAND } from './commands/secrets-commands';
export { LocalSecretsStore, type LocalStoreOptions } from './local/local-store';
export { LocalKeyRing, defaultKeyFile, KEY_VARIABLE, KEY_FILE_VARIABLE, type LocalKey } from './local/key-ring';
export { secretsFileName, type SecretsFile } from './local/secrets-file';
export { SsmSecretsStore } from './aws/ssm-store';
export { secretStatements, parameterArn } from './deploy/iam-grant';
export { SECRETS_VARIABLE, SOURCE_VARIABLE, LOCAL_VALUES_VARIABLE } from './deploy/function-environment';
export { readSettings, parameterNameOf, type SecretsMode, type SecretsSettings } from './settings';
export type { SecretsStore, SecretSummary } from './store';
