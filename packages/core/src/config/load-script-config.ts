import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'cosmiconfig';
import { StratusError } from '../errors/stratus-error';

/**
 * Executes a JS/TS configuration (`serverless.js|cjs|mjs|ts`) with cosmiconfig's loaders and
 * returns its export as plain data. The export may be an object or a promise of one; like v3 we
 * do not call an exported function.
 */
export async function loadScriptConfig(filePath: string, fileName: string): Promise<Record<string, unknown>> {
  const exported = await runLoader(filePath, fileName);
  if (typeof exported === 'function') {
    throw new StratusError('CONFIG_INVALID_EXPORT', `"${fileName}" exports a function; it must export the configuration object (or a promise of one).`, {
      hint: 'Export the result instead of the function, e.g. `module.exports = buildConfig();` (the result may be a promise).',
    });
  }
  if (!isPlainObject(exported)) {
    throw new StratusError('CONFIG_INVALID_EXPORT', `"${fileName}" exports ${describe(exported)}; it must export the configuration object (or a promise of one).`, {
      hint: fileName.endsWith('.js') || fileName.endsWith('.cjs')
        ? 'Use `module.exports = { service: …, provider: … }`.'
        : 'Use `export default { service: …, provider: … }`.',
    });
  }
  return toPlainData(exported, fileName);
}

async function runLoader(filePath: string, fileName: string): Promise<unknown> {
  // cosmiconfig is required here, not at the top: it costs ~15 ms to load and YAML/JSON configs
  // (the common case) never need it.
  const { defaultLoaders } = require('cosmiconfig') as typeof import('cosmiconfig');
  const loader: Loader | undefined = (defaultLoaders as Readonly<Record<string, Loader>>)[path.extname(filePath)];
  if (loader === undefined) throw new Error(`internal: no cosmiconfig loader for ${filePath}`);
  try {
    const content = await readFile(filePath, 'utf8');
    return await loader(filePath, content);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StratusError('CONFIG_LOAD_ERROR', `Cannot load "${fileName}": ${message}`, { hint: loadErrorHint(fileName, message), cause: error });
  }
}

function loadErrorHint(fileName: string, message: string): string {
  if (fileName.endsWith('.ts') && message.includes("'typescript'")) {
    return 'TypeScript configurations need the "typescript" package: install it in the service (npm install --save-dev typescript).';
  }
  const runAlone = fileName.endsWith('.ts') ? '' : ` (run \`node ${fileName}\` to see it on its own)`;
  return `"${fileName}" failed while it was being executed; fix the error above${runAlone}.`;
}

/** Objects from another realm (vm, jest) have a different Object.prototype, so compare shapes. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'a class'}`;
  return `a ${typeof value}`;
}

/**
 * A JSON round trip, as v3 does: the rest of the pipeline (variables, validation, `print`) handles
 * data only, so class instances, functions and `undefined` must not leak in.
 */
function toPlainData(value: Record<string, unknown>, fileName: string): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch (error) {
    throw new StratusError('CONFIG_INVALID_STRUCTURE', `The configuration exported by "${fileName}" cannot be turned into plain data: ${(error as Error).message}`, {
      hint: 'Remove circular references (and BigInt values) from the exported object.',
      cause: error,
    });
  }
}
