import { offlineErrors } from './errors';

/** The settings `stratus offline` runs with: CLI flag > `custom.serverless-offline.<name>` > default. */
export interface OfflineOptions {
  httpPort: number;
  lambdaPort: number;
  /** The local SNS Publish endpoint and S3 upload simulation. */
  eventSourcesPort: number;
  host: string;
  prefix: string;
  /** A folder with `cert.pem` and `key.pem`: the HTTP emulator speaks HTTPS ('' : plain HTTP). */
  httpsProtocol: string;
  noPrependStageInUrl: boolean;
  noAuth: boolean;
  noTimeout: boolean;
  reloadHandler: boolean;
  /** Every variable of the offline process reaches the handlers (under Lambda's own and the function's). */
  localEnvironment: boolean;
  /** Seconds an idle handler instance lives. */
  terminateIdleLambdaTime: number;
  corsAllowOrigin: string[];
  corsAllowHeaders: string[];
  corsExposedHeaders: string[];
  corsDisallowCredentials: boolean;
}

export const DEFAULT_OPTIONS: Readonly<OfflineOptions> = Object.freeze({
  httpPort: 3000,
  lambdaPort: 3002,
  eventSourcesPort: 3004,
  host: 'localhost',
  prefix: '',
  httpsProtocol: '',
  noPrependStageInUrl: false,
  noAuth: false,
  noTimeout: false,
  reloadHandler: false,
  localEnvironment: false,
  terminateIdleLambdaTime: 60,
  corsAllowOrigin: ['*'],
  corsAllowHeaders: ['accept', 'content-type', 'x-api-key', 'authorization'],
  corsExposedHeaders: ['WWW-Authenticate', 'Server-Authorization'],
  corsDisallowCredentials: true,
});

/** The command options, as v3 declares them (every value arrives as a string or a boolean). */
export const OPTION_DEFINITIONS = {
  httpPort: { usage: 'HTTP port to listen on (default: 3000)', type: 'string' },
  lambdaPort: { usage: 'Lambda Invoke API port to listen on (default: 3002)', type: 'string' },
  eventSourcesPort: { usage: 'Port of the local SNS Publish endpoint and S3 upload simulation (default: 3004)', type: 'string' },
  host: { usage: 'The host name to listen on (default: localhost)', shortcut: 'o', type: 'string' },
  prefix: { usage: 'A path segment to put before every route (default: none)', shortcut: 'p', type: 'string' },
  httpsProtocol: { usage: 'Serve HTTPS with cert.pem and key.pem from this folder', shortcut: 'H', type: 'string' },
  noPrependStageInUrl: { usage: "Don't put the stage in route paths", type: 'boolean' },
  noAuth: { usage: 'Turn off authorizers and API-key checks', type: 'boolean' },
  noTimeout: { usage: 'Turn off handler timeouts', shortcut: 't', type: 'boolean' },
  reloadHandler: { usage: 'Load a fresh handler instance for every request', type: 'boolean' },
  localEnvironment: { usage: "Pass this process's whole environment to the handlers", type: 'boolean' },
  terminateIdleLambdaTime: { usage: 'Seconds before an idle handler instance is stopped (default: 60)', type: 'string' },
  corsAllowOrigin: { usage: 'Access-Control-Allow-Origin for `cors: true` routes, comma-separated (default: *)', type: 'string' },
  corsAllowHeaders: { usage: 'Access-Control-Allow-Headers for `cors: true` routes, comma-separated', type: 'string' },
  corsExposedHeaders: { usage: 'Access-Control-Expose-Headers for cors routes, comma-separated', type: 'string' },
  corsDisallowCredentials: { usage: 'Do not send Access-Control-Allow-Credentials: true (default: true)', type: 'boolean' },
} as const;

type Source = Record<string, unknown>;

function pick(name: keyof OfflineOptions, cli: Source, custom: Source): unknown {
  const fromCli = cli[name];
  if (fromCli !== undefined && fromCli !== null) return fromCli;
  const fromCustom = custom[name];
  return fromCustom === null ? undefined : fromCustom;
}

function toPort(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw offlineErrors.invalidOption(name, value, 'a port number (0-65535)');
  return port;
}

function toSeconds(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const seconds = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isFinite(seconds) || seconds <= 0) throw offlineErrors.invalidOption(name, value, 'a number of seconds above 0');
  return seconds;
}

function toBoolean(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  return String(value).toLowerCase() !== 'false';
}

function toList(value: unknown, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function toText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function toPrefix(value: unknown): string {
  if (value === undefined) return '';
  return String(value).replace(/^\/+|\/+$/g, '');
}

/** serverless-offline settings `stratus offline` does not have, and what happens instead. */
const NOT_EMULATED: Readonly<Record<string, string>> = {
  useDocker: 'handlers run in worker threads (Node) and python3 processes on this machine',
  useInProcess: 'Node handlers run in worker threads, each function in its own',
  resourceRoutes: 'HTTP_PROXY methods declared in resources are not served',
  websocketPort: 'websocket events are not emulated',
  webSocketHardTimeout: 'websocket events are not emulated',
  webSocketIdleTimeout: 'websocket events are not emulated',
  albPort: 'alb events are not emulated',
  dockerHost: 'there is no Docker runner',
  dockerHostServicePath: 'there is no Docker runner',
  dockerNetwork: 'there is no Docker runner',
  dockerReadOnly: 'there is no Docker runner',
  layersDir: 'there is no Docker runner (layers are not loaded)',
  ignoreJWTSignature: 'JWT signatures are never verified offline',
  disableCookieValidation: 'cookies reach handlers as they are sent',
  enforceSecureCookies: 'cookies reach handlers as they are sent',
  preLoadModules: 'each instance loads its handler module when it starts',
  noSponsor: 'there is no sponsor message',
};

/**
 * A warning for each `custom.serverless-offline` key that does nothing here: a serverless-offline
 * setting that is not emulated, or a name that is no option at all (a typo stays silent otherwise).
 */
export function ignoredCustomOptions(configuration: Source): string[] {
  const custom = (configuration.custom as Source | undefined)?.['serverless-offline'];
  if (!custom || typeof custom !== 'object') return [];
  const warnings: string[] = [];
  for (const key of Object.keys(custom)) {
    if (key in DEFAULT_OPTIONS) continue;
    const instead = NOT_EMULATED[key];
    warnings.push(
      instead !== undefined
        ? `custom.serverless-offline.${key} is not supported by stratus offline and is ignored: ${instead}.`
        : `custom.serverless-offline.${key} is not an option of stratus offline and is ignored (options: ${Object.keys(DEFAULT_OPTIONS).join(', ')}).`,
    );
  }
  return warnings;
}

/** Read the options from the CLI (`api.service.options`) and `custom.serverless-offline`. */
export function resolveOptions(cli: Source, configuration: Source): OfflineOptions {
  const customRoot = configuration.custom;
  const customOffline = customRoot && typeof customRoot === 'object' ? (customRoot as Source)['serverless-offline'] : undefined;
  const custom: Source = customOffline && typeof customOffline === 'object' ? (customOffline as Source) : {};
  const value = (name: keyof OfflineOptions) => pick(name, cli, custom);
  const host = value('host');
  return {
    httpPort: toPort('httpPort', value('httpPort'), DEFAULT_OPTIONS.httpPort),
    lambdaPort: toPort('lambdaPort', value('lambdaPort'), DEFAULT_OPTIONS.lambdaPort),
    eventSourcesPort: toPort('eventSourcesPort', value('eventSourcesPort'), DEFAULT_OPTIONS.eventSourcesPort),
    host: typeof host === 'string' && host !== '' ? host : DEFAULT_OPTIONS.host,
    prefix: toPrefix(value('prefix')),
    httpsProtocol: toText(value('httpsProtocol')),
    noPrependStageInUrl: toBoolean(value('noPrependStageInUrl'), false),
    noAuth: toBoolean(value('noAuth'), false),
    noTimeout: toBoolean(value('noTimeout'), false),
    reloadHandler: toBoolean(value('reloadHandler'), false),
    localEnvironment: toBoolean(value('localEnvironment'), false),
    terminateIdleLambdaTime: toSeconds('terminateIdleLambdaTime', value('terminateIdleLambdaTime'), DEFAULT_OPTIONS.terminateIdleLambdaTime),
    corsAllowOrigin: toList(value('corsAllowOrigin'), DEFAULT_OPTIONS.corsAllowOrigin),
    corsAllowHeaders: toList(value('corsAllowHeaders'), DEFAULT_OPTIONS.corsAllowHeaders),
    corsExposedHeaders: toList(value('corsExposedHeaders'), DEFAULT_OPTIONS.corsExposedHeaders),
    corsDisallowCredentials: toBoolean(value('corsDisallowCredentials'), true),
  };
}
