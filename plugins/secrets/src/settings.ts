import { secretsErrors } from './errors';

export type SecretsMode = 'runtime' | 'deploy';

/** `custom.secrets` with defaults applied, plus the service and stage they apply to. */
export interface SecretsSettings {
  service: string;
  stage: string;
  /** `runtime` (default): the function reads SSM at cold start. `deploy`: values resolved into its environment at deploy time. */
  mode: SecretsMode;
  /** Parameter path prefix without a trailing slash (default `/<service>/<stage>`). */
  prefix: string;
  /** KMS key for SecureString parameters (default: the AWS managed `alias/aws/ssm`). */
  kmsKeyId: string | undefined;
  /** Key file of the local backend (default `~/.config/stratus/secrets/<service>.key`). */
  keyFile: string | undefined;
}

const PREFIX = /^(\/[A-Za-z0-9_.-]+)+$/;

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function serviceNameOf(configuration: Record<string, unknown>): string {
  const service = configuration.service;
  if (typeof service === 'string') return service;
  const name = asRecord(service).name;
  return typeof name === 'string' ? name : 'service';
}

function optionalString(custom: Record<string, unknown>, key: string): string | undefined {
  const value = custom[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw secretsErrors.invalidSetting(key, value, 'a non-empty string');
  return value;
}

/** Read `custom.secrets` (already resolved) for a service and stage. */
export function readSettings(input: { service: string; stage: string; custom: unknown }): SecretsSettings {
  const custom = asRecord(input.custom);
  const mode = custom.mode ?? 'runtime';
  if (mode !== 'runtime' && mode !== 'deploy') throw secretsErrors.invalidSetting('mode', mode, '"runtime" or "deploy"');
  const prefix = (optionalString(custom, 'prefix') ?? `/${input.service}/${input.stage}`).replace(/\/+$/, '');
  if (!PREFIX.test(prefix)) throw secretsErrors.invalidSetting('prefix', custom.prefix, 'an SSM path such as /my-service/prod (letters, digits, "_", "." and "-" between slashes)');
  return { service: input.service, stage: input.stage, mode, prefix, kmsKeyId: optionalString(custom, 'kmsKeyId'), keyFile: optionalString(custom, 'keyFile') };
}

/** The SSM parameter that holds a secret: `<prefix>/<name>`. */
export function parameterNameOf(settings: Pick<SecretsSettings, 'prefix'>, name: string): string {
  return `${settings.prefix}/${name}`;
}

export function customSecretsOf(configuration: Record<string, unknown>): unknown {
  return asRecord(configuration.custom).secrets;
}
