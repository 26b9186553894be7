import { StratusError } from '@stratus/core';

const setHint = (name: string, stage: string, local: boolean) => `Set it with "stratus secrets set --name ${name} --stage ${stage}${local ? ' --local' : ''}".`;

/** The plugin's coded errors (`SECRETS_…`), alphabetised. Messages name the file, key or secret. */
export const secretsErrors = {
  awsFailed(action: string, parameter: string, region: string, error: unknown): StratusError {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new StratusError('SECRETS_AWS_FAILED', `Could not ${action} ${parameter} in SSM Parameter Store (${region}): ${reason}`, {
      hint: 'Check the AWS credentials and region (--aws-profile, --region), and that they allow ssm:PutParameter/GetParameter(s)/GetParametersByPath/DeleteParameter and KMS use of the key.',
      cause: error,
    });
  },
  environmentConflict(where: string, name: string): StratusError {
    return new StratusError('SECRETS_ENVIRONMENT_CONFLICT', `${where}.environment.${name} is already set, and secret "${name}" would replace it in deploy mode.`, {
      hint: `Rename the environment variable, or remove "${name}" from secrets: and use \${secret:${name}} as its value.`,
    });
  },
  invalidList(where: string, detail: string): StratusError {
    return new StratusError('SECRETS_INVALID_LIST', `${where} must be a list of secret names: ${detail}.`, {
      hint: `Write it as a YAML list, e.g. "${where.split('.').pop() ?? 'secrets'}: [DB_PASSWORD, API_KEY]".`,
    });
  },
  invalidName(name: string, where: string, rule = 'letters, digits, "_", "." and "-", at most 128 characters'): StratusError {
    return new StratusError('SECRETS_INVALID_NAME', `Secret name "${name}" (${where}) is not valid: use ${rule}.`, {
      hint: 'Secret names become the last segment of an SSM parameter name (and an environment variable name in deploy mode).',
    });
  },
  invalidSetting(key: string, value: unknown, expected: string): StratusError {
    return new StratusError('SECRETS_INVALID_SETTING', `custom.secrets.${key} is ${JSON.stringify(value)}: expected ${expected}.`, {
      hint: `Fix custom.secrets.${key} in serverless.yml (see the @stratus/plugin-secrets README).`,
    });
  },
  keyFileInService(keyFile: string, serviceDir: string): StratusError {
    return new StratusError('SECRETS_LOCAL_KEY_IN_SERVICE', `The secrets key file ${keyFile} is inside the service directory ${serviceDir}, where it could be committed or packaged with the secrets it opens.`, {
      hint: 'Keep the key outside the repository: the default is ~/.config/stratus/secrets/<service>.key, or set STRATUS_SECRETS_KEY (base64 of 32 bytes).',
    });
  },
  keyInvalid(source: string, detail: string): StratusError {
    return new StratusError('SECRETS_LOCAL_KEY_INVALID', `The secrets key in ${source} is not usable: ${detail}.`, {
      hint: 'A key is 32 random bytes in base64 (44 characters), e.g. from "stratus secrets init --local" or `openssl rand -base64 32`.',
    });
  },
  keyMissing(file: string, looked: string): StratusError {
    return new StratusError('SECRETS_LOCAL_KEY_MISSING', `No key to open ${file}: STRATUS_SECRETS_KEY is not set and there is no key file ${looked}.`, {
      hint: 'Get the key from whoever created the file and put it in STRATUS_SECRETS_KEY (or that key file). Without the key, delete the file and set the secrets again.',
    });
  },
  localFileInvalid(file: string, detail: string): StratusError {
    return new StratusError('SECRETS_LOCAL_FILE_INVALID', `${file} is not a valid secrets file: ${detail}.`, {
      hint: 'Restore it from version control; the file is written by "stratus secrets set --local" and not meant to be edited by hand.',
    });
  },
  localFileMismatch(file: string, found: string, expected: string): StratusError {
    return new StratusError('SECRETS_LOCAL_FILE_MISMATCH', `${file} holds the secrets of ${found}, not of ${expected}.`, {
      hint: 'Each service and stage has its own file (secrets.<stage>.enc.json); do not copy or rename them between stages.',
    });
  },
  locked(lockFile: string, holder: string): StratusError {
    return new StratusError('SECRETS_LOCAL_LOCKED', `${lockFile} is held by ${holder}, and it was not released in time.`, {
      hint: `If no other stratus process is running, delete ${lockFile} and try again.`,
    });
  },
  logicalIdCollision(first: string, second: string, logicalId: string): StratusError {
    return new StratusError('SECRETS_NAME_COLLISION', `Secrets "${first}" and "${second}" both map to the CloudFormation parameter ${logicalId} in deploy mode.`, {
      hint: 'Rename one of them so their letters and digits differ.',
    });
  },
  missingValue(): StratusError {
    return new StratusError('SECRETS_NO_VALUE', 'No value to set: give --value, --file, or pipe the value on stdin.', {
      hint: 'For example: printf %s "$DB_PASSWORD" | stratus secrets set --name DB_PASSWORD (avoid --value in shared shells: it lands in the shell history).',
    });
  },
  notFound(name: string, where: string, stage: string, local: boolean): StratusError {
    return new StratusError('SECRETS_NOT_FOUND', `Secret "${name}" is not set in ${where}.`, { hint: setHint(name, stage, local) });
  },
  notSet(names: readonly string[], where: string, stage: string, local: boolean): StratusError {
    return new StratusError('SECRETS_NOT_SET', `The service uses secret(s) ${names.join(', ')}, which ${names.length === 1 ? 'is' : 'are'} not set in ${where}.`, {
      hint: setHint(names[0] ?? '<NAME>', stage, local),
    });
  },
  tampered(file: string, name: string): StratusError {
    return new StratusError('SECRETS_LOCAL_TAMPERED', `Secret "${name}" in ${file} does not decrypt with the right key: the entry was changed, moved from another name, stage or service, or corrupted.`, {
      hint: `Restore ${file} from version control, or set the secret again with "stratus secrets set --local --name ${name}".`,
    });
  },
  wrongKey(file: string, keySource: string): StratusError {
    return new StratusError('SECRETS_LOCAL_WRONG_KEY', `The key from ${keySource} is not the key ${file} was encrypted with.`, {
      hint: 'Use the key of whoever created the file (STRATUS_SECRETS_KEY, or their key file), or delete the file and set the secrets again.',
    });
  },
};
