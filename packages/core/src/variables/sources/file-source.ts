import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cloudFormationTags } from '../../config/yaml-cfn-tags';
import { StratusError } from '../../errors/stratus-error';
import { splitDotPath } from '../property-path';
import type { VariableSource, VariableSourceContext } from '../types';

/** What a JS file's function (exported, or met on the address path) is called with, as in v3. */
interface JsFunctionArgument {
  options: Record<string, unknown>;
  resolveConfigurationProperty: VariableSourceContext['resolveConfigurationProperty'];
  resolveVariable: VariableSourceContext['resolveVariable'];
}

interface CachedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly content: unknown;
}

/**
 * `${file(./config.yml):a.b}`: a file relative to the service directory. YAML (with CloudFormation
 * tags), JSON, JS (required; functions called with v3's argument), anything else as UTF-8 text.
 * A missing file is "not found", so `${file(./x.yml), 'default'}` falls back.
 */
export function createFileSource(): VariableSource {
  // Parsed data files, reused while unchanged: one file is often read for many addresses.
  const cache = new Map<string, CachedFile>();

  const load = async (absolutePath: string, displayPath: string, mtimeMs: number, size: number): Promise<unknown> => {
    const cached = cache.get(absolutePath);
    if (cached !== undefined && cached.mtimeMs === mtimeMs && cached.size === size) return cached.content;
    const content = parseFile(await readFile(absolutePath, 'utf8'), extname(absolutePath).toLowerCase(), displayPath);
    cache.set(absolutePath, { mtimeMs, size, content });
    return content;
  };

  return {
    async resolve(context) {
      const [target] = context.params;
      if (typeof target !== 'string' || target.trim() === '') {
        throw new StratusError('VARIABLES_MISSING_FILE_PATH', 'The "file" source needs a file path', {
          hint: 'Write it as ${file(./config.yml):key}.',
        });
      }
      const absolutePath = resolvePath(context.serviceDir, target);
      const stats = await stat(absolutePath).catch(() => null);
      if (stats === null || !stats.isFile()) {
        return { value: null, eventualErrorMessage: `Value not found at "file" source: "${target}" does not exist` };
      }
      const argument: JsFunctionArgument = {
        options: context.options,
        resolveConfigurationProperty: context.resolveConfigurationProperty,
        resolveVariable: context.resolveVariable,
      };
      const extension = extname(absolutePath).toLowerCase();
      const content = extension === '.js' || extension === '.cjs'
        ? await loadJsModule(absolutePath, target, argument)
        : await load(absolutePath, target, stats.mtimeMs, stats.size);
      const found = await walkAddress(content, splitDotPath(context.address ?? ''), { target, argument, context });
      if (found === undefined || found === null) {
        const what = context.address ? `has no "${context.address}"` : 'is empty';
        return { value: null, eventualErrorMessage: `Value not found at "file" source: "${target}" ${what}` };
      }
      return { value: found };
    },
  };
}

function parseFile(text: string, extension: string, displayPath: string): unknown {
  try {
    if (extension === '.yml' || extension === '.yaml') return parseYaml(text, { customTags: cloudFormationTags });
    if (extension === '.json' || extension === '.tfstate') return JSON.parse(text) as unknown;
  } catch (error) {
    // The yaml package appends a code frame after the first line; the first line says it all.
    const reason = (messageOf(error).split('\n')[0] ?? '').replace(/:$/, '');
    throw new StratusError('FILE_PARSE_ERROR', `Cannot parse "${displayPath}": ${reason}`, {
      hint: `Fix the syntax of "${displayPath}".`,
      cause: error,
    });
  }
  return text;
}

async function loadJsModule(absolutePath: string, displayPath: string, argument: JsFunctionArgument): Promise<unknown> {
  let exported: unknown;
  try {
    exported = await createRequire(absolutePath)(absolutePath);
  } catch (error) {
    throw new StratusError('FILE_CONTENT_RESOLUTION_ERROR', `Cannot load "${displayPath}": ${messageOf(error)}`, {
      hint: `Fix the error in "${displayPath}" (it is loaded with require()).`,
      cause: error,
    });
  }
  return callIfFunction(exported, undefined, argument, `the function exported by "${displayPath}"`);
}

interface WalkSettings {
  readonly target: string;
  readonly argument: JsFunctionArgument;
  readonly context: VariableSourceContext;
}

/** Follows `a.b.c`; functions on the way are called, promises awaited, strings' variables resolved. */
async function walkAddress(content: unknown, keys: readonly string[], settings: WalkSettings): Promise<unknown> {
  let current = content;
  for (const [index, key] of keys.entries()) {
    if (typeof current === 'string') current = await settings.context.resolveVariablesInString(current);
    if (current === null || (typeof current !== 'object' && typeof current !== 'function')) return undefined;
    const parent = current as Record<string, unknown>;
    const walked = keys.slice(0, index + 1).join('.');
    current = await callIfFunction(readKey(parent, key), parent, settings.argument, `"${walked}" in "${settings.target}"`);
  }
  return current;
}

async function callIfFunction(value: unknown, owner: unknown, argument: JsFunctionArgument, what: string): Promise<unknown> {
  try {
    return typeof value === 'function' ? await (value as (arg: JsFunctionArgument) => unknown).call(owner, argument) : await value;
  } catch (error) {
    throw new StratusError('JS_FILE_FUNCTION_RESOLUTION_ERROR', `Cannot resolve ${what}: ${messageOf(error)}`, {
      hint: 'Fix the function (it is called with { options, resolveConfigurationProperty, resolveVariable }).',
      cause: error,
    });
  }
}

/** Own keys, plus inherited ones of JS objects (getters, methods) — but never Object.prototype's. */
function readKey(object: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(object, key)) return object[key];
  if (key in Object.prototype || key in Function.prototype) return undefined;
  return object[key];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
