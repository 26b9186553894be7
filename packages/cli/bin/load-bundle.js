'use strict';
// Loads dist/stratus.cjs through vm.Script with V8 code cache data kept in the user's cache
// folder, so later runs skip parsing and compiling the bundle. Any problem with the cache
// falls back to a plain require: the cache may make a run faster, never make it fail.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const BUNDLE = path.join(__dirname, '..', 'dist', 'stratus.cjs');

function cacheDir() {
  if (process.env.STRATUS_CACHE_DIR) return process.env.STRATUS_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'stratus');
}

function loadWithCodeCache() {
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const stat = fs.statSync(BUNDLE);
  const cacheFile = path.join(cacheDir(), `cli-${process.version}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: BUNDLE,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const bundleModule = new Module(BUNDLE, module);
  bundleModule.filename = BUNDLE;
  bundleModule.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  bundleModule.loaded = true;
  const bundleRequire = Module.createRequire(BUNDLE);
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, BUNDLE, path.dirname(BUNDLE));

  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so the functions this run compiled are in the cache too.
    process.once('exit', () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
      } catch {
        // No cache this time.
      }
    });
  }
  return bundleModule.exports;
}

module.exports = function loadBundle() {
  if (process.env.STRATUS_NO_CODE_CACHE) return require(BUNDLE);
  try {
    return loadWithCodeCache();
  } catch {
    return require(BUNDLE);
  }
};
