// The candidate files of one folder (the service or a layer), in zip order, with dev-only
// packages already left out. The walk runs in two passes: everything but `node_modules` first, so
// every project package.json is known, then `node_modules` with dev-only packages skipped whole
// (dev exclusions come last in v3's order, so no pattern can bring them back).
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { findDevDependencyExclusions, isInsideAnyOf, type DevDependencyExclusions } from './dev-dependencies';
import type { FileSelector } from './file-patterns';
import { isInsideOrSame, rootDirectory, walkFiles, type DirectoryToWalk, type WalkedFile } from './walk-files';

export interface CollectOptions {
  /** Real path of the folder to list. */
  rootDir: string;
  /** Real path nothing outside of which is read. */
  containmentRoot: string;
  /** Every rule list that will select from these files; a folder is skipped only if all exclude it. */
  selectors: readonly FileSelector[];
  excludeDevDependencies: boolean;
  /** Real paths never listed (the output folder being written). */
  ignoredRealDirs: readonly string[];
  log: { warning(msg: string): void; verbose(msg: string): void };
}

export interface CollectedFiles {
  /** Sorted by relative path with `localeCompare`, the order of the zip entries. */
  files: WalkedFile[];
  devDependencyPackages: readonly string[];
}

const NO_DEV_EXCLUSIONS: DevDependencyExclusions = { realDirs: new Set(), binNames: new Set(), packageNames: [] };

export function collectFiles(options: CollectOptions): CollectedFiles {
  let devExclusions = NO_DEV_EXCLUSIONS;
  const ignored = new Set(options.ignoredRealDirs);
  const walkOptions = {
    containmentRoot: options.containmentRoot,
    verbose: options.log.verbose,
    skipDirectory: (dir: DirectoryToWalk): boolean =>
      ignored.has(dir.realPath) ||
      (dir.relativePath !== '' && options.selectors.every((selector) => selector.excludesEverythingUnder(dir.relativePath))) ||
      devExclusions.realDirs.has(dir.realPath) ||
      (dir.viaSymlink && isInsideAnyOf(dir.realPath, devExclusions.realDirs, options.containmentRoot)),
    skipFile: (file: WalkedFile, entryPath: string, viaSymlink: boolean): boolean =>
      (devExclusions.binNames.has(basename(entryPath)) && isInNodeModulesBin(entryPath)) ||
      (viaSymlink && isInsideAnyOf(file.realPath, devExclusions.realDirs, options.containmentRoot)),
  };

  const firstPass = walkFiles([rootDirectory(options.rootDir)], { ...walkOptions, deferDirectoriesNamed: 'node_modules' });
  if (options.excludeDevDependencies) {
    const projectDirs = firstPass.files
      .filter((file) => file.relativePath === 'package.json' || file.relativePath.endsWith('/package.json'))
      .map((file) => realpathSync(dirname(join(options.rootDir, file.relativePath))))
      .filter((dir) => isInsideOrSame(dir, options.containmentRoot));
    devExclusions = findDevDependencyExclusions(projectDirs, options.containmentRoot);
  }
  const secondPass = walkFiles(firstPass.deferred, walkOptions);

  warnAboutRefusedSymlinks([...firstPass.refusedSymlinks, ...secondPass.refusedSymlinks], options.log);

  const files = [...firstPass.files, ...secondPass.files];
  // Intl.Collator#compare is what String#localeCompare does, minus building a collator per call.
  const collator = new Intl.Collator();
  files.sort((a, b) => collator.compare(a.relativePath, b.relativePath));
  return { files, devDependencyPackages: devExclusions.packageNames };
}

function isInNodeModulesBin(path: string): boolean {
  const binDir = dirname(path);
  return basename(binDir) === '.bin' && basename(dirname(binDir)) === 'node_modules';
}

const LISTED_SYMLINKS = 10;

/** One warning for all refused links (a pnpm workspace can have dozens pointing to its root). */
function warnAboutRefusedSymlinks(refused: Array<{ relativePath: string; target: string }>, log: CollectOptions['log']): void {
  if (refused.length === 0) return;
  const sorted = [...refused].sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
  const listed = sorted.slice(0, LISTED_SYMLINKS).map((link) => `"${link.relativePath}" → ${link.target}`);
  if (sorted.length > LISTED_SYMLINKS) listed.push(`and ${sorted.length - LISTED_SYMLINKS} more`);
  const what = refused.length === 1 ? 'a symbolic link that leads' : `${refused.length} symbolic links that lead`;
  log.warning(`Packaging skipped ${what} outside the service directory (files outside it are never packaged): ${listed.join(', ')}`);
}
