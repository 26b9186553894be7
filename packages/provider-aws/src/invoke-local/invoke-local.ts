import { StratusError, stageOf, type Logger, type PluginApi } from '@stratus/core';
import type { LocalFunction } from '@stratus/lambda-runtime';
import { parseJsonOrText, readDataFile } from '../commands/event-data';

const DEFAULT_RUNTIME = 'nodejs22.x';
const DEFAULT_TIMEOUT_SECONDS = 6;
const DEFAULT_MEMORY_SIZE = 1024;

type Config = Record<string, unknown>;

function asRecord(value: unknown): Config {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Config) : {};
}

/**
 * Taps `invoke:local:loadEnvVars` (parses `--env KEY=VALUE`, sets `IS_LOCAL`) and
 * `invoke:local:invoke` (runs the function with the local Lambda runtime and prints the result
 * as v3 does). The command itself is declared by the core.
 */
export function registerInvokeLocal(api: PluginApi): void {
  let cliEnvironment: Record<string, string> = {};
  api.hook('invoke:local:loadEnvVars', () => {
    cliEnvironment = parseEnvOptions(api.service.options.env);
    // v3 sets it in the CLI's own process too; plugins (bundlers…) read it there.
    process.env.IS_LOCAL = 'true';
  });
  api.hook('invoke:local:invoke', () => invokeLocal(api, cliEnvironment));
}

/** `--env A=1 --env B=x=y` → `{ A: '1', B: 'x=y' }`. */
export function parseEnvOptions(value: unknown): Record<string, string> {
  const entries = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const text = String(entry);
    const equals = text.indexOf('=');
    if (equals <= 0) throw new StratusError('INVOKE_LOCAL_INVALID_ENV', `Invalid --env "${text}": expected KEY=VALUE`, { hint: 'Pass one variable per option, e.g. --env STAGE=dev --env DEBUG=1.' });
    out[text.slice(0, equals)] = text.slice(equals + 1);
  }
  return out;
}

/** The function's variables as strings; CloudFormation intrinsics cannot be resolved locally. */
function environmentOf(source: unknown, where: string, log: Logger): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(asRecord(source))) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      log.warning(`Environment variable ${name} (${where}) is a CloudFormation intrinsic (${JSON.stringify(value)}) that cannot be resolved locally; it is not set.`);
      continue;
    }
    out[name] = String(value);
  }
  return out;
}

function serviceNameOf(configuration: Config): string {
  const service = configuration.service;
  if (typeof service === 'string') return service;
  const name = asRecord(service).name;
  return typeof name === 'string' ? name : 'service';
}

/** The LocalFunction for `functions.<key>` of the resolved configuration. */
export function buildLocalFunction(api: Pick<PluginApi, 'service' | 'log'>, key: string, cliEnvironment: Record<string, string>): LocalFunction {
  const { configuration, options, serviceDir } = api.service;
  const functions = asRecord(configuration.functions);
  const fn = functions[key];
  if (fn === undefined || fn === null) {
    const known = Object.keys(functions);
    throw new StratusError('INVOKE_LOCAL_FUNCTION_NOT_FOUND', `Function "${key}" does not exist in this service`, {
      hint: known.length > 0 ? `Functions: ${known.join(', ')}.` : 'The service defines no functions.',
    });
  }
  const config = asRecord(fn);
  const provider = asRecord(configuration.provider);
  if (typeof config.handler !== 'string' || config.handler === '') {
    throw new StratusError('INVOKE_LOCAL_NO_HANDLER', `Function "${key}" has no handler`, { hint: 'Only functions with a `handler` (not container images) can be invoked locally.' });
  }
  const stage = stageOf({ configuration, options });
  const number = (...values: unknown[]): number | undefined => values.find((value): value is number => typeof value === 'number' && value > 0);
  return {
    key,
    name: typeof config.name === 'string' ? config.name : `${serviceNameOf(configuration)}-${stage}-${key}`,
    handler: config.handler,
    runtime: [config.runtime, provider.runtime].find((value): value is string => typeof value === 'string') ?? DEFAULT_RUNTIME,
    timeoutSeconds: number(config.timeout, provider.timeout) ?? DEFAULT_TIMEOUT_SECONDS,
    memorySize: number(config.memorySize, provider.memorySize) ?? DEFAULT_MEMORY_SIZE,
    environment: {
      ...environmentOf(provider.environment, 'provider.environment', api.log),
      ...environmentOf(config.environment, `functions.${key}.environment`, api.log),
      ...cliEnvironment,
    },
    codeDir: serviceDir ?? process.cwd(),
  };
}

function regionOf(api: Pick<PluginApi, 'service'>): string {
  const fromOption = api.service.options.region;
  if (typeof fromOption === 'string' && fromOption) return fromOption;
  const region = asRecord(api.service.configuration.provider).region;
  return typeof region === 'string' && region ? region : 'us-east-1';
}

async function invokeLocal(api: PluginApi, cliEnvironment: Record<string, string>): Promise<void> {
  const options = api.service.options;
  if (options.docker === true) {
    throw new StratusError('INVOKE_LOCAL_DOCKER_UNSUPPORTED', '`invoke local --docker` is not supported', { hint: 'Run without --docker: Node and Python handlers run on this machine.' });
  }
  const key = typeof options.function === 'string' ? options.function : '';
  const fn = buildLocalFunction(api, key, cliEnvironment);
  const serviceDir = api.service.serviceDir ?? process.cwd();
  const event = await readEvent(options, serviceDir);
  const clientContext = await readContext(options, serviceDir);

  // Required here: the runtime (and its embedded worker sources) is only loaded by `invoke local`.
  const { LocalLambdaRuntime } = require('@stratus/lambda-runtime') as typeof import('@stratus/lambda-runtime');
  const runtime = new LocalLambdaRuntime({
    region: regionOf(api),
    baseEnvironment: { IS_LOCAL: 'true' },
    maxInstancesPerFunction: 1,
    onLog: (_fn, _requestId, line) => api.log.writeText(line),
  });
  try {
    const outcome = await runtime.invoke(fn, event, { clientContext });
    if (outcome.ok) {
      if (typeof outcome.payload === 'string') api.log.writeText(outcome.payload);
      else if (outcome.payload !== null && outcome.payload !== undefined) api.log.writeText(JSON.stringify(outcome.payload, null, 4));
      return;
    }
    const { errorMessage, errorType, stackTrace } = outcome.error;
    api.log.writeText(JSON.stringify({ errorMessage, errorType, stackTrace }, null, 4));
    throw new StratusError('INVOKE_LOCAL_FUNCTION_ERROR', `Function "${key}" failed: ${errorType}: ${errorMessage}`, {
      hint: outcome.timedOut ? `Raise functions.${key}.timeout (now ${fn.timeoutSeconds} s) or make the handler faster.` : undefined,
    });
  } finally {
    await runtime.close();
  }
}


/** The event: `--path` file, else `--data` (JSON when it parses, the text with `--raw`), else undefined. */
async function readEvent(options: Config, serviceDir: string): Promise<unknown> {
  if (typeof options.path === 'string' && options.path !== '') return readDataFile(options.path, serviceDir, '--path');
  if (options.data === undefined || options.data === null) return undefined;
  const data = String(options.data);
  return options.raw === true || options.raw === 'true' ? data : parseJsonOrText(data);
}

/** `--contextPath` file or `--context` text: the handler's `context.clientContext`. */
async function readContext(options: Config, serviceDir: string): Promise<unknown> {
  if (typeof options.contextPath === 'string' && options.contextPath !== '') return readDataFile(options.contextPath, serviceDir, '--contextPath');
  if (options.context === undefined || options.context === null || options.context === '') return undefined;
  return parseJsonOrText(String(options.context));
}

