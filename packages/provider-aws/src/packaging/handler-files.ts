// Checks that a function's handler file exists and made it into the function's zip. A problem is
// only a warning (v3 does not check at all; the function would fail at its first invocation).

const NODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'];

/**
 * Files that can hold a handler, relative to the service folder: `dir/file.method` →
 * `dir/file.{js,mjs,cjs,ts}` for Node, `dir/file.py` for Python (and `pkg/mod.py` for a dotted
 * `pkg.mod.method`). The last `.` separates the method, so folders may contain dots.
 * Undefined for runtimes whose handler is not a file (Java, Go, custom runtimes…).
 */
export function handlerFileCandidates(handler: string, runtime: string): string[] | undefined {
  const methodSeparator = handler.lastIndexOf('.');
  if (methodSeparator <= 0) return undefined;
  const modulePath = handler.slice(0, methodSeparator).replace(/^\.\//, '');
  if (runtime.startsWith('python')) {
    const candidates = [`${modulePath}.py`];
    const lastSlash = modulePath.lastIndexOf('/');
    const dottedModule = modulePath.slice(lastSlash + 1);
    if (dottedModule.includes('.')) candidates.push(`${modulePath.slice(0, lastSlash + 1)}${dottedModule.replace(/\./g, '/')}.py`);
    return candidates;
  }
  if (runtime.startsWith('nodejs')) return NODE_EXTENSIONS.map((extension) => `${modulePath}${extension}`);
  return undefined;
}

/** The warning to show for a function's handler, if any. */
export function handlerWarning(
  functionKey: string,
  handler: string,
  runtime: string,
  zipEntries: ReadonlySet<string>,
  existsInService: (relativePath: string) => boolean,
): string | undefined {
  const candidates = handlerFileCandidates(handler, runtime);
  if (!candidates || candidates.some((candidate) => zipEntries.has(candidate))) return undefined;
  const onDisk = candidates.find(existsInService);
  if (onDisk !== undefined) {
    return `Function "${functionKey}": handler file "${onDisk}" exists but is not in the package (excluded by package patterns?)`;
  }
  return `Function "${functionKey}": handler "${handler}" has no file; looked for ${candidates.join(', ')}`;
}
