import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whether Node treats a file as an ES module: `.mjs`, or `.js` under a `"type": "module"` package. */
function isEsmFile(absolutePath: string): boolean {
  if (absolutePath.endsWith('.mjs')) return true;
  if (!absolutePath.endsWith('.js')) return false;
  for (let dir = path.dirname(absolutePath); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * Load a resolved module file, CommonJS or ESM. `require` first (fast, and Node 20.19+ can
 * require most ESM); `import()` when an ES module needs it (top-level await, older Node).
 */
export async function loadModuleFile(absolutePath: string): Promise<unknown> {
  try {
    return unwrapDefault(createRequire(absolutePath)(absolutePath));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const needsImport = code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE' || isEsmFile(absolutePath);
    if (!needsImport) throw error;
  }
  return unwrapDefault(await import(pathToFileURL(absolutePath).href));
}

/** The export a plugin module means: `default` for ESM and transpiled modules, else the module itself. */
export function unwrapDefault(moduleValue: unknown): unknown {
  if (moduleValue && (typeof moduleValue === 'object' || typeof moduleValue === 'function')) {
    const record = moduleValue as { default?: unknown; __esModule?: boolean; [Symbol.toStringTag]?: string };
    const isNamespace = record[Symbol.toStringTag] === 'Module' || record.__esModule === true;
    if (isNamespace && record.default !== undefined) return record.default;
  }
  return moduleValue;
}
