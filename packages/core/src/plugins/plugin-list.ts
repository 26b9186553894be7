import path from 'node:path';
import { StratusError } from '../errors/stratus-error';

export interface ServicePluginList {
  names: string[];
  /** Folder searched first for plugins that are not `./` paths (v3's legacy `localPath`). */
  localPath: string;
}

/** Reads `plugins:` in either v3 form: an array, or `{ modules: [...], localPath }`. */
export function readPluginList(value: unknown, serviceDir: string, configFile: string): ServicePluginList {
  const defaultLocalPath = path.join(serviceDir, '.serverless_plugins');
  if (value === undefined || value === null) return { names: [], localPath: defaultLocalPath };
  if (Array.isArray(value)) return { names: value.map((name) => checkName(name, configFile)), localPath: defaultLocalPath };
  if (typeof value === 'object') {
    const { modules, localPath } = value as { modules?: unknown; localPath?: unknown };
    if (modules !== undefined && !Array.isArray(modules)) throw invalid(configFile, '"plugins.modules" must be a list of plugin names');
    if (localPath !== undefined && typeof localPath !== 'string') throw invalid(configFile, '"plugins.localPath" must be a path');
    return {
      names: (modules ?? []).map((name) => checkName(name, configFile)),
      localPath: localPath ? path.resolve(serviceDir, localPath) : defaultLocalPath,
    };
  }
  throw invalid(configFile, '"plugins" must be a list of plugin names or { modules, localPath }');
}

function checkName(name: unknown, configFile: string): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid(configFile, `each entry of "plugins" must be a module name or a ./path (got ${JSON.stringify(name)})`);
  return name.trim();
}

function invalid(configFile: string, what: string): StratusError {
  return new StratusError('PLUGIN_INVALID_LIST', `${configFile}: ${what}.`, {
    hint: 'Write plugins as a list, e.g. "plugins:\\n  - serverless-offline\\n  - ./local-plugin".',
  });
}
