import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WatchServiceOptions {
  serviceDir: string;
  /** Path segments or relative path prefixes not to watch (`node_modules`, `.serverless`, `.git`). */
  ignore: string[];
  /** Absolute paths of changed files other than the service configuration. */
  onHandlersChanged(files: string[]): void;
  /** `serverless.yml|yaml|json|js|ts` (at the service root) changed. */
  onConfigChanged(): void;
  /** Quiet time before a batch of changes is reported (default 100 ms). */
  debounceMs?: number;
  onError?(error: Error): void;
}

export interface ServiceWatcher {
  close(): Promise<void>;
}

const CONFIG_FILE = /^serverless\.(ya?ml|json|js|cjs|mjs|ts)$/;
/**
 * Files that are never code: editor droppings, and logs (`stratus offline > offline.log` in the
 * service folder would otherwise reload the handlers on every line it writes).
 */
const NOT_CODE = /(~|\.sw[a-p]|\.tmp|\.log|^\.#.*|^#.*#|^\.DS_Store)$/;

/**
 * Whether a path relative to the service folder is ignored: `node_modules` ignores that segment
 * anywhere; `./build`, `/build` or `a/b` only that leading path.
 */
export function isIgnored(relative: string, ignore: string[]): boolean {
  const normalized = relative.split(path.sep).join('/');
  const segments = normalized.split('/');
  if (NOT_CODE.test(segments[segments.length - 1] ?? '')) return true;
  return ignore.some((entry) => {
    const anchored = /^\.?\//.test(entry);
    const rule = entry.replace(/^\.?\//, '').replace(/\/$/, '');
    return anchored || rule.includes('/') ? normalized === rule || normalized.startsWith(`${rule}/`) : segments.includes(rule);
  });
}

/**
 * Watches a service folder (recursively, `fs.watch`) and reports changes in debounced batches:
 * the service configuration → `onConfigChanged`, any other file → `onHandlersChanged(files)`.
 */
export function watchService(options: WatchServiceOptions): ServiceWatcher {
  const { serviceDir, ignore } = options;
  const debounceMs = options.debounceMs ?? 100;
  const changed = new Set<string>();
  let configChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    if (closed) return;
    const files = [...changed].sort();
    const config = configChanged;
    changed.clear();
    configChanged = false;
    if (config) options.onConfigChanged();
    if (files.length > 0) options.onHandlersChanged(files);
  };

  const watcher = fs.watch(serviceDir, { recursive: true, persistent: false }, (_type, filename) => {
    if (closed || filename === null) return;
    const relative = filename.toString();
    if (isIgnored(relative, ignore)) return;
    if (CONFIG_FILE.test(relative)) configChanged = true;
    else {
      const absolute = path.join(serviceDir, relative);
      // A folder event (creation of a directory) says nothing about code.
      let isDirectory = false;
      try {
        isDirectory = fs.statSync(absolute).isDirectory();
      } catch {
        isDirectory = false;
      }
      if (isDirectory) return;
      changed.add(absolute);
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  watcher.on('error', (error) => options.onError?.(error));

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
