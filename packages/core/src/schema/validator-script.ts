import { runInThisContext, Script } from 'node:vm';
import { requireAjvRuntime } from './ajv-runtime';
import { readCacheFile, writeCacheFile } from './cache-file';

/** A validator from the cache: ajv standalone code, so it validates and coerces as ajv does. */
export type CachedValidate = (data: unknown) => boolean;

export interface ValidatorScriptFiles {
  /** The standalone code, for stack traces. */
  codeFile: string;
  /** V8's compiled form of it, for this V8 version. */
  codeCacheFile: string;
}

type ModuleWrapper = (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void;

/**
 * `vm` compiles in Node's main realm. Where this module runs in another one (jest's sandbox), the
 * validator would hand the configuration arrays of the wrong realm, and ajv's `equal` would tell
 * schema objects from data objects by constructor: there, compile as ajv does, with `Function`.
 */
const IN_MAIN_REALM = runInThisContext('Object') === Object;

/**
 * Runs cached standalone code (a CommonJS module) and returns the validator it exports.
 *
 * With our `require` rather than Node's: Node's would resolve `ajv/dist/runtime/*` from the cache
 * directory, where there is no node_modules. And with V8's code cache: a provider-sized validator
 * is over a megabyte of code that V8 would otherwise parse and compile on every start (measured:
 * ~80 ms for 1.4 MB, ~7 ms with the code cache). The code cache is written after the first
 * validation, so it holds the functions that validation compiled.
 */
export function runValidatorScript(code: string, files: ValidatorScriptFiles): CachedValidate | undefined {
  if (!IN_MAIN_REALM) return exportedValidator(new Function('require', 'module', 'exports', code) as ModuleWrapper);

  const cachedData = readCacheFile(files.codeCacheFile);
  const script = new Script(`(function (require, module, exports) {${code}\n})`, { filename: files.codeFile, cachedData });
  const validate = exportedValidator(script.runInThisContext() as ModuleWrapper);
  if (validate === undefined || (cachedData !== undefined && !script.cachedDataRejected)) return validate;

  let saved = false;
  return (data) => {
    const valid = validate(data);
    if (!saved) {
      saved = true;
      writeCacheFile(files.codeCacheFile, script.createCachedData());
    }
    return valid;
  };
}

function exportedValidator(wrapper: ModuleWrapper): CachedValidate | undefined {
  const module = { exports: {} as unknown };
  wrapper(requireAjvRuntime, module, module.exports);
  return typeof module.exports === 'function' ? (module.exports as CachedValidate) : undefined;
}
