import type { Logger } from '@stratus/core';
import type { LocalFunction } from '@stratus/lambda-runtime';

// The same defaults as `stratus invoke local` (provider-aws does not export its builder).
const DEFAULT_RUNTIME = 'nodejs22.x';
const DEFAULT_TIMEOUT_SECONDS = 6;
const DEFAULT_MEMORY_SIZE = 1024;

type Config = Record<string, unknown>;

export function asRecord(value: unknown): Config {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Config) : {};
}

function environmentOf(source: unknown, where: string, log: Logger): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(asRecord(source))) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      log.warning(`Environment variable ${name} (${where}) is a CloudFormation intrinsic that cannot be resolved locally; it is not set.`);
      continue;
    }
    out[name] = String(value);
  }
  return out;
}

export function serviceNameOf(configuration: Config): string {
  const service = configuration.service;
  if (typeof service === 'string') return service;
  const name = asRecord(service).name;
  return typeof name === 'string' ? name : 'service';
}

export function regionOf(configuration: Config, options: Config): string {
  if (typeof options.region === 'string' && options.region) return options.region;
  const region = asRecord(configuration.provider).region;
  return typeof region === 'string' && region ? region : 'us-east-1';
}

/**
 * Every function with a `handler`, as the local runtime runs it. Built once per start (and per
 * reload): the runtime caches per definition object, which keeps the request path cheap.
 */
export function buildLocalFunctions(configuration: Config, stage: string, serviceDir: string, log: Logger): Map<string, LocalFunction> {
  const provider = asRecord(configuration.provider);
  const number = (...values: unknown[]): number | undefined => values.find((value): value is number => typeof value === 'number' && value > 0);
  const out = new Map<string, LocalFunction>();
  // Read (and warned about) once, not once per function.
  const providerEnvironment = environmentOf(provider.environment, 'provider.environment', log);
  for (const [key, raw] of Object.entries(asRecord(configuration.functions))) {
    const config = asRecord(raw);
    if (typeof config.handler !== 'string' || config.handler === '') continue;
    out.set(key, {
      key,
      name: typeof config.name === 'string' ? config.name : `${serviceNameOf(configuration)}-${stage}-${key}`,
      handler: config.handler,
      runtime: [config.runtime, provider.runtime].find((value): value is string => typeof value === 'string') ?? DEFAULT_RUNTIME,
      timeoutSeconds: number(config.timeout, provider.timeout) ?? DEFAULT_TIMEOUT_SECONDS,
      memorySize: number(config.memorySize, provider.memorySize) ?? DEFAULT_MEMORY_SIZE,
      environment: {
        ...providerEnvironment,
        ...environmentOf(config.environment, `functions.${key}.environment`, log),
      },
      codeDir: serviceDir,
    });
  }
  return out;
}
