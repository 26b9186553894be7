// Lists the files under a directory the way v3's glob does (dotfiles included, symlinks followed,
// files only), with two safety rules of ours: a symlink that resolves outside `containmentRoot` is
// refused with a warning (packaging never reads outside the service), and a symlink back to a
// folder already being walked is skipped (no endless loops).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, sep } from 'node:path';

export interface WalkedFile {
  /** Path inside the zip: relative to the walk root, forward slashes, symlinks not resolved. */
  relativePath: string;
  /** Where the bytes are read from. */
  realPath: string;
}

/** A folder to walk, as reached from the root. */
export interface DirectoryToWalk {
  relativePath: string;
  realPath: string;
  viaSymlink: boolean;
  /** Real paths of the folders above it in this walk (for loop detection). */
  ancestorRealPaths: readonly string[];
}

export interface WalkOptions {
  containmentRoot: string;
  /** Folders with this name are not entered but returned in `deferred` (used for `node_modules`). */
  deferDirectoriesNamed?: string;
  skipDirectory(dir: DirectoryToWalk): boolean;
  /** `entryPath` is the entry inside its real parent folder, before resolving a symlink. */
  skipFile(file: WalkedFile, entryPath: string, viaSymlink: boolean): boolean;
  verbose(message: string): void;
}

export interface WalkResult {
  files: WalkedFile[];
  deferred: DirectoryToWalk[];
  /** Symlinks left out because they resolve outside `containmentRoot` (the caller warns). */
  refusedSymlinks: Array<{ relativePath: string; target: string }>;
}

export function isInsideOrSame(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function rootDirectory(realPath: string): DirectoryToWalk {
  return { relativePath: '', realPath, viaSymlink: false, ancestorRealPaths: [] };
}

export function walkFiles(starts: readonly DirectoryToWalk[], options: WalkOptions): WalkResult {
  const files: WalkedFile[] = [];
  const deferred: DirectoryToWalk[] = [];
  const refusedSymlinks: WalkResult['refusedSymlinks'] = [];

  const visitDirectory = (dir: DirectoryToWalk): void => {
    if (options.skipDirectory(dir)) return;
    if (dir.ancestorRealPaths.includes(dir.realPath)) {
      options.verbose(`Packaging: skipping "${dir.relativePath}", a symbolic link to a folder that contains it`);
      return;
    }
    const ancestorRealPaths = [...dir.ancestorRealPaths, dir.realPath];
    for (const entry of readdirSync(dir.realPath, { withFileTypes: true })) {
      const relativePath = dir.relativePath === '' ? entry.name : `${dir.relativePath}/${entry.name}`;
      const entryPath = dir.realPath + sep + entry.name;
      if (entry.isDirectory()) {
        enterOrDefer({ relativePath, realPath: entryPath, viaSymlink: false, ancestorRealPaths });
      } else if (entry.isFile()) {
        const file = { relativePath, realPath: entryPath };
        if (!options.skipFile(file, entryPath, false)) files.push(file);
      } else if (entry.isSymbolicLink()) {
        followSymlink(relativePath, entryPath, ancestorRealPaths);
      }
    }
  };

  const enterOrDefer = (dir: DirectoryToWalk): void => {
    if (options.deferDirectoriesNamed !== undefined && basename(dir.relativePath) === options.deferDirectoriesNamed) deferred.push(dir);
    else visitDirectory(dir);
  };

  const followSymlink = (relativePath: string, entryPath: string, ancestorRealPaths: readonly string[]): void => {
    let target: string;
    try {
      target = realpathSync(entryPath);
    } catch {
      options.verbose(`Packaging: skipping "${relativePath}", a broken symbolic link`);
      return;
    }
    if (!isInsideOrSame(target, options.containmentRoot)) {
      refusedSymlinks.push({ relativePath, target });
      return;
    }
    const stats = statSync(target);
    if (stats.isDirectory()) {
      enterOrDefer({ relativePath, realPath: target, viaSymlink: true, ancestorRealPaths });
    } else if (stats.isFile()) {
      const file = { relativePath, realPath: target };
      if (!options.skipFile(file, entryPath, true)) files.push(file);
    }
  };

  for (const start of starts) visitDirectory(start);
  return { files, deferred, refusedSymlinks };
}
