import { transformFileSync } from '@swc/core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE_ROOT = resolve(__dirname, '../..');

/**
 * Compiles `entry` (a .ts file under src/) and every module it requires by relative path into
 * `outDir`, keeping the layout, so a plain `node` child process can run it. Bare specifiers
 * (ajv, …) are left to NODE_PATH. Returns the path of the compiled entry.
 */
export function transpileForNode(entry: string, outDir: string): string {
  const done = new Set<string>();
  const visit = (file: string): void => {
    if (done.has(file)) return;
    done.add(file);
    const { code } = transformFileSync(file, {
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      sourceMaps: false,
    });
    const target = outputPath(file, outDir);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
    for (const [, , specifier] of code.matchAll(/require\((["'])(\.{1,2}\/[^"']+)\1\)/g)) visit(resolveSource(dirname(file), specifier!));
  };
  visit(entry);
  return outputPath(entry, outDir);
}

function resolveSource(fromDir: string, specifier: string): string {
  const base = resolve(fromDir, specifier);
  const candidate = [`${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path));
  if (candidate === undefined) throw new Error(`Cannot find the source of "${specifier}" from ${fromDir}`);
  return candidate;
}

function outputPath(file: string, outDir: string): string {
  return join(outDir, relative(SOURCE_ROOT, file)).replace(/\.ts$/, '.js');
}
