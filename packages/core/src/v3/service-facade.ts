import type { ServiceContext } from '../plugins/service-context';
import { ServerlessError } from './serverless-error';

type Config = Record<string, unknown>;
type FunctionConfig = Record<string, unknown> & { events?: unknown[]; name?: string };

/** An object-valued key of the configuration, created on first access (v3 plugins assume these exist). */
function objectKey(config: Config, key: string): Record<string, unknown> {
  const value = config[key];
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  config[key] = created;
  return created;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)) {
      deepMerge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * v3's `serverless.service`: a live view of the configuration, so changes by plugins (adding a
 * function, setting `package.artifact`) are what later steps compile.
 */
export function createServiceFacade(context: ServiceContext): Record<string, unknown> {
  const config = (): Config => context.configuration;
  const functions = (): Record<string, FunctionConfig> => objectKey(config(), 'functions') as Record<string, FunctionConfig>;
  const pluginsData: Record<string, unknown> = {};

  const getFunction = (key: string): FunctionConfig => {
    const fn = functions()[key];
    if (!fn) throw new ServerlessError(`Function "${key}" doesn't exist in this Service`, 'FUNCTION_MISSING_IN_SERVICE');
    return fn;
  };

  const facade = {
    getServiceName: () => config().service,
    getServiceObject: () => ({ name: config().service }),
    getAllFunctions: () => Object.keys(functions()),
    getAllFunctionsNames: () => Object.values(functions()).map((fn) => fn.name),
    getFunction,
    getAllEventsInFunction: (key: string) => getFunction(key).events ?? [],
    getEventInFunction: (eventName: string, key: string) => {
      const event = (getFunction(key).events ?? []).find(
        (candidate) => candidate && typeof candidate === 'object' && Object.keys(candidate)[0] === eventName,
      );
      if (!event) throw new ServerlessError(`Event "${eventName}" doesn't exist in function "${key}"`, 'EVENT_MISSING_FOR_FUNCTION');
      return event;
    },
    getAllLayers: () => (isObject(config().layers) ? Object.keys(config().layers as object) : []),
    getLayer: (name: string) => {
      const layers = config().layers;
      if (isObject(layers) && name in layers) return layers[name];
      throw new ServerlessError(`Layer "${name}" doesn't exist in this Service`, 'LAYER_MISSING_IN_SERVICE');
    },
    /** Every function gets `events: []` and its deployed `name` (`<service>-<stage>-<key>`), as v3 does before running a command. */
    setFunctionNames: (options: Record<string, unknown> = {}) => {
      const provider = isObject(config().provider) ? (config().provider as { stage?: unknown }) : {};
      const stage = options.stage ?? options.s ?? provider.stage ?? 'dev';
      for (const [key, fn] of Object.entries(functions())) {
        if (fn === null || fn === undefined) {
          delete functions()[key];
          continue;
        }
        fn.events ??= [];
        fn.name ??= `${String(config().service)}-${String(stage)}-${key}`;
      }
    },
    /** `resources`/`functions` given as a list of objects are merged into one object, as v3 does. */
    mergeArrays: () => {
      for (const key of ['resources', 'functions']) {
        const value = config()[key];
        if (Array.isArray(value)) config()[key] = value.reduce((merged: Record<string, unknown>, part) => (isObject(part) ? deepMerge(merged, part) : merged), {});
      }
    },
    update: (data: Record<string, unknown>) => deepMerge(config(), data),
    publish: (data: Record<string, unknown>) => deepMerge(pluginsData, data),
    pluginsData,
  };

  const live = (key: string, kind: 'object' | 'raw') => ({
    enumerable: true,
    get: () => (kind === 'object' ? objectKey(config(), key) : config()[key]),
    set: (value: unknown) => {
      config()[key] = value;
    },
  });
  Object.defineProperties(facade, {
    service: live('service', 'raw'),
    serviceObject: { enumerable: true, get: () => ({ name: config().service }) },
    provider: live('provider', 'object'),
    functions: live('functions', 'object'),
    package: live('package', 'object'),
    custom: live('custom', 'raw'),
    resources: live('resources', 'raw'),
    layers: live('layers', 'raw'),
    plugins: live('plugins', 'raw'),
    outputs: live('outputs', 'raw'),
    app: live('app', 'raw'),
    org: live('org', 'raw'),
    params: live('params', 'raw'),
    configValidationMode: live('configValidationMode', 'raw'),
    disabledDeprecations: live('disabledDeprecations', 'raw'),
    deprecationNotificationMode: live('deprecationNotificationMode', 'raw'),
    serviceFilename: { enumerable: true, get: () => context.configFile },
    initialServerlessConfig: { enumerable: true, get: () => config() },
  });
  return facade;
}
