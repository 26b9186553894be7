import { declaredSecrets, localValues, valuesAreInEnvironment, type Environment } from './environment';
import { SecretsRuntimeError } from './errors';
import { createSsmClient, fetchParameters, type SsmClientLike } from './ssm-fetch';

export interface SecretsRuntimeOptions {
  /** An SSM client to use instead of the one created on first use (tests, custom retry settings). */
  client?: SsmClientLike;
  /** Where the plugin's variables are read (default: `process.env`, read on every call). */
  env?: Environment;
}

let settings: SecretsRuntimeOptions = {};
let client: SsmClientLike | undefined;
/** Parameter name → its value, fetched once per container (a cold start) and shared by every invocation. */
const cache = new Map<string, Promise<string>>();

/** Replace the client or the environment (mainly for tests); clears the cache. */
export function configureSecrets(options: SecretsRuntimeOptions): void {
  settings = { ...options };
  client = options.client;
  cache.clear();
}

/** Forget every cached value: the next read fetches again (after a rotation, say). */
export function clearSecretsCache(): void {
  cache.clear();
}

const environment = (): Environment => settings.env ?? process.env;

function ssmClient(): SsmClientLike {
  client ??= createSsmClient();
  return client;
}

function parameterOf(name: string, declared: Record<string, string>): string {
  const parameter = declared[name];
  if (parameter !== undefined) return parameter;
  // A full parameter name, as ${secret:NAME} puts into an environment variable in runtime mode.
  if (name.startsWith('/')) return name;
  const known = Object.keys(declared);
  throw new SecretsRuntimeError(
    'SECRETS_RUNTIME_NOT_DECLARED',
    `Secret "${name}" is not declared for this function. Add it to "secrets:" of the function (or the provider) in serverless.yml and deploy again${known.length > 0 ? ` (declared: ${known.join(', ')})` : ' (this function declares none)'}.`,
  );
}

/** Values that never leave the process: local runs and deploy mode. */
function valueWithoutSsm(name: string, parameter: string, env: Environment): string | undefined {
  const local = localValues(env);
  if (local) {
    const value = local[parameter];
    if (value === undefined) {
      throw new SecretsRuntimeError('SECRETS_RUNTIME_NOT_SET_LOCALLY', `Secret "${name}" (${parameter}) is not in the local secrets file. Set it with "stratus secrets set --local --name ${name}".`);
    }
    return value;
  }
  if (valuesAreInEnvironment(env) && !name.startsWith('/')) {
    const value = env[name];
    if (value === undefined) throw new SecretsRuntimeError('SECRETS_RUNTIME_NOT_SET', `Secret "${name}" should be in the environment variable ${name} (deploy mode), and it is not set.`);
    return value;
  }
  return undefined;
}

/** Fetch every uncached parameter in one batched round of GetParameters calls. */
function fetchMissing(parameters: readonly string[]): void {
  const missing = [...new Set(parameters.filter((parameter) => !cache.has(parameter)))];
  if (missing.length === 0) return;
  const batch = fetchParameters(ssmClient(), missing);
  for (const parameter of missing) {
    const one = batch.then((values) => values.get(parameter) as string);
    // A failure is not cached: the next invocation tries again.
    one.catch(() => {
      if (cache.get(parameter) === one) cache.delete(parameter);
    });
    cache.set(parameter, one);
  }
}

/** One secret's value: a name from the function's `secrets:`, or a full parameter name (`/svc/stage/NAME`). */
export async function getSecret(name: string): Promise<string> {
  const env = environment();
  const parameter = parameterOf(name, declaredSecrets(env));
  const direct = valueWithoutSsm(name, parameter, env);
  if (direct !== undefined) return direct;
  fetchMissing([parameter]);
  return cache.get(parameter) as Promise<string>;
}

/**
 * Every secret the function declares, as `{ NAME: value }`. Call it at module load
 * (`const secrets = loadSecrets();`) so the values are fetched during the cold start, once.
 */
export async function loadSecrets(): Promise<Readonly<Record<string, string>>> {
  const env = environment();
  const declared = declaredSecrets(env);
  const out: Record<string, string> = {};
  const fromSsm: Array<[string, string]> = [];
  for (const [name, parameter] of Object.entries(declared)) {
    const direct = valueWithoutSsm(name, parameter, env);
    if (direct === undefined) fromSsm.push([name, parameter]);
    else out[name] = direct;
  }
  fetchMissing(fromSsm.map(([, parameter]) => parameter));
  for (const [name, parameter] of fromSsm) out[name] = await (cache.get(parameter) as Promise<string>);
  return Object.freeze(out);
}
