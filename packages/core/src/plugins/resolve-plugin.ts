import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StratusError } from '../errors/stratus-error';

export interface PluginResolveOptions {
  serviceDir: string;
  localPath: string;
  configFile: string;
  /** Resolves from the CLI's own dependencies (built-in packages such as providers). */
  resolveFromCli?: (specifier: string) => string | undefined;
}

const isPathLike = (name: string): boolean => name.startsWith('./') || name.startsWith('../') || path.isAbsolute(name);

/** Resolve `specifier` as Node would from `fromDir`, or undefined. */
export function tryResolve(fromDir: string, specifier: string): string | undefined {
  try {
    return createRequire(path.join(fromDir, 'package.json')).resolve(specifier);
  } catch {
    return undefined;
  }
}

/**
 * Where a `plugins:` entry lives: a `./path` relative to the service; otherwise the legacy
 * `localPath` folder, then the service's `node_modules` (npm or pnpm layouts, as Node resolves),
 * then the CLI's own dependencies.
 */
export function resolvePluginPath(name: string, options: PluginResolveOptions): string {
  if (isPathLike(name)) {
    const resolved = tryResolve(options.serviceDir, path.resolve(options.serviceDir, name));
    if (resolved) return resolved;
    throw new StratusError('PLUGIN_NOT_FOUND', `Plugin "${name}" listed under "plugins" in ${options.configFile} was not found at ${path.resolve(options.serviceDir, name)}.`, {
      hint: 'Check the path: it is relative to the service directory and may name a .js/.cjs/.mjs file or a folder with an index.js or package.json.',
    });
  }
  if (existsSync(options.localPath)) {
    const local = tryResolve(options.localPath, path.join(options.localPath, name));
    if (local) return local;
  }
  const resolved = tryResolve(options.serviceDir, name) ?? options.resolveFromCli?.(name);
  if (resolved) return resolved;
  throw new StratusError('PLUGIN_NOT_FOUND', `Plugin "${name}" listed under "plugins" in ${options.configFile} is not installed in ${path.join(options.serviceDir, 'node_modules')}.`, {
    hint: `Install it in the service: "npm install --save-dev ${name}" (or "pnpm add -D ${name}").`,
  });
}
