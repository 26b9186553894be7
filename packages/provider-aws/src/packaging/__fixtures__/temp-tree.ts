// Test helpers: service folders (with node_modules trees) built in a temp dir, and zip reading.
import AdmZip from 'adm-zip';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageService, type PackagingInput, type PackagingResult } from '../index';

export type TreeEntry = string | { content: string; mode: number } | { symlink: string };

const created: string[] = [];

/** A fresh temp folder (its real path), removed by `removeTempDirs`. */
export function makeTempDir(prefix = 'stratus-packaging-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (text, text with a mode, or a symlink to a relative or absolute target). */
export function writeTree(root: string, entries: Record<string, TreeEntry>): void {
  for (const [relativePath, entry] of Object.entries(entries)) {
    const path = join(root, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof entry === 'string') {
      writeFileSync(path, entry);
    } else if ('symlink' in entry) {
      symlinkSync(entry.symlink, path);
    } else {
      writeFileSync(path, entry.content);
      chmodSync(path, entry.mode);
    }
  }
}

/** An installed package: `<dir>/package.json` plus an index.js naming it. */
export function packageFiles(dir: string, name: string, fields: Record<string, unknown> = {}): Record<string, string> {
  return {
    [`${dir}/package.json`]: JSON.stringify({ name, version: '1.0.0', ...fields }),
    [`${dir}/index.js`]: `module.exports = '${name}';\n`,
  };
}

export interface CollectingLog {
  warning(msg: string): void;
  verbose(msg: string): void;
  warnings: string[];
  verboseLines: string[];
}

export function collectingLog(): CollectingLog {
  const warnings: string[] = [];
  const verboseLines: string[] = [];
  return { warnings, verboseLines, warning: (msg) => warnings.push(msg), verbose: (msg) => verboseLines.push(msg) };
}

/** Runs packageService on a service folder with `.serverless` as output. */
export async function runPackaging(
  serviceDir: string,
  configuration: Record<string, unknown>,
  overrides: Partial<PackagingInput> = {},
): Promise<PackagingResult & { log: CollectingLog }> {
  const log = collectingLog();
  const result = await packageService({
    serviceDir,
    configFile: 'serverless.yml',
    configuration: { service: 'svc', provider: { name: 'aws', runtime: 'nodejs20.x' }, ...configuration },
    outputDir: join(serviceDir, '.serverless'),
    log,
    ...overrides,
  });
  return { ...result, log };
}

export interface ZipContent {
  names: string[];
  text(name: string): string;
  mode(name: string): number;
  entries: AdmZip.IZipEntry[];
}

export function readZip(path: string): ZipContent {
  const entries = new AdmZip(path).getEntries();
  const byName = new Map(entries.map((entry) => [entry.entryName, entry]));
  const entry = (name: string): AdmZip.IZipEntry => {
    const found = byName.get(name);
    if (!found) throw new Error(`${name} is not in ${path}; entries: ${[...byName.keys()].join(', ')}`);
    return found;
  };
  return {
    names: entries.map((e) => e.entryName),
    text: (name) => entry(name).getData().toString('utf8'),
    mode: (name) => (entry(name).header.attr >>> 16) & 0o7777,
    entries,
  };
}
