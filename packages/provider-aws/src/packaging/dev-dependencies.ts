// Finds the installed packages that only devDependencies need, without spawning `npm ls`: read each
// project's package.json, resolve its dependencies the way Node does (the nearest `node_modules`
// first, then each parent folder's, never above the service) and follow every installed package's
// dependencies, optionalDependencies and peerDependencies. What is reachable from production
// dependencies is kept; what only development dependencies reach is excluded.
//
// Packages are identified by their real path, which makes npm/yarn flat layouts, nested
// `node_modules` and pnpm's symlinked layout (`node_modules/x` → `node_modules/.pnpm/x@1/node_modules/x`,
// whose own dependencies are siblings in `.pnpm/x@1/node_modules`) work the same way.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { isInsideOrSame } from './walk-files';

export interface DevDependencyExclusions {
  /** Real paths of folders nothing under which is packaged: dev-only packages and their pnpm store slots. */
  realDirs: ReadonlySet<string>;
  /**
   * Names in any `node_modules/.bin` that only dev-only packages provide. By name rather than by
   * location: pnpm writes shim scripts (not links) for packages in folders where they were not found.
   */
  binNames: ReadonlySet<string>;
  /** Names of the dev-only packages, for logs. */
  packageNames: readonly string[];
}

interface Manifest {
  name?: unknown;
  bin?: unknown;
  dependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
  devDependencies?: unknown;
}

interface InstalledPackage {
  name: string;
  realDir: string;
  manifest: Manifest;
}

const RUNTIME_DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * @param projectDirs real paths of the folders whose package.json declares dependencies (every
 *   package.json outside `node_modules`, as v3 does)
 * @param containmentRoot nothing above or outside it is read
 */
export function findDevDependencyExclusions(projectDirs: readonly string[], containmentRoot: string): DevDependencyExclusions {
  const resolver = new PackageResolver(containmentRoot);
  const production = new Reachability(resolver);
  const development = new Reachability(resolver);
  for (const projectDir of projectDirs) {
    const manifest = resolver.readManifest(projectDir);
    if (!manifest) continue;
    production.addRoots(projectDir, RUNTIME_DEPENDENCY_FIELDS.flatMap((field) => dependencyNames(manifest[field])));
    development.addRoots(projectDir, dependencyNames(manifest.devDependencies));
  }

  const realDirs = new Set<string>();
  const binNames = new Set<string>();
  const packageNames: string[] = [];
  for (const [realDir, pkg] of development.packages) {
    if (production.packages.has(realDir)) continue;
    packageNames.push(pkg.name);
    realDirs.add(realDir);
    const slot = pnpmStoreSlot(realDir);
    if (slot) realDirs.add(slot);
    for (const bin of binNamesOf(pkg)) binNames.add(bin);
  }
  // A production package may provide a command of the same name: keep it.
  for (const pkg of production.packages.values()) {
    for (const bin of binNamesOf(pkg)) binNames.delete(bin);
  }
  return { realDirs, binNames, packageNames: packageNames.sort() };
}

/** True when `realPath` is one of `dirs` or inside one (checks each parent up to `stopAt`). */
export function isInsideAnyOf(realPath: string, dirs: ReadonlySet<string>, stopAt: string): boolean {
  for (let current = realPath; isInsideOrSame(current, stopAt); current = dirname(current)) {
    if (dirs.has(current)) return true;
    if (current === stopAt || dirname(current) === current) return false;
  }
  return false;
}

/** The packages reachable from some roots, by real path. */
class Reachability {
  readonly packages = new Map<string, InstalledPackage>();

  constructor(private readonly resolver: PackageResolver) {}

  addRoots(fromDir: string, names: readonly string[]): void {
    const queue: Array<{ fromDir: string; name: string }> = names.map((name) => ({ fromDir, name }));
    for (let next = queue.pop(); next; next = queue.pop()) {
      const pkg = this.resolver.resolve(next.fromDir, next.name);
      if (!pkg) continue; // not installed (optional, or a peer nobody installed)
      if (this.packages.has(pkg.realDir)) continue;
      this.packages.set(pkg.realDir, pkg);
      for (const field of RUNTIME_DEPENDENCY_FIELDS) {
        for (const name of dependencyNames(pkg.manifest[field])) queue.push({ fromDir: pkg.realDir, name });
      }
    }
  }
}

/** Node's lookup of `require('<name>')` from a package folder, bounded by the service folder. */
class PackageResolver {
  private readonly manifests = new Map<string, Manifest | undefined>();
  private readonly lookups = new Map<string, InstalledPackage | undefined>();

  constructor(private readonly containmentRoot: string) {}

  resolve(fromDir: string, name: string): InstalledPackage | undefined {
    const key = `${fromDir}\0${name}`;
    if (this.lookups.has(key)) return this.lookups.get(key);
    let result: InstalledPackage | undefined;
    for (let dir = fromDir; isInsideOrSame(dir, this.containmentRoot); dir = dirname(dir)) {
      // Node never looks in `node_modules/node_modules`.
      if (basename(dir) !== 'node_modules') {
        const location = join(dir, 'node_modules', name);
        if (existsSync(location)) {
          result = this.installedAt(location, name);
          break;
        }
      }
      if (dir === this.containmentRoot || dirname(dir) === dir) break;
    }
    this.lookups.set(key, result);
    return result;
  }

  readManifest(dir: string): Manifest | undefined {
    if (this.manifests.has(dir)) return this.manifests.get(dir);
    let manifest: Manifest | undefined;
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) manifest = parsed as Manifest;
    } catch {
      manifest = undefined; // no or broken package.json: not a package we can follow
    }
    this.manifests.set(dir, manifest);
    return manifest;
  }

  private installedAt(location: string, name: string): InstalledPackage | undefined {
    let realDir: string;
    try {
      realDir = realpathSync(location);
    } catch {
      return undefined;
    }
    if (!isInsideOrSame(realDir, this.containmentRoot)) return undefined; // e.g. a workspace link: never read outside
    const manifest = this.readManifest(realDir);
    return manifest ? { name, realDir, manifest } : undefined;
  }
}

function dependencyNames(field: unknown): string[] {
  return field && typeof field === 'object' && !Array.isArray(field) ? Object.keys(field) : [];
}

/** `.bin` names a package may own: its `bin` keys (or its unscoped name), plus npm's Windows shims. */
function binNamesOf(pkg: InstalledPackage): string[] {
  const unscoped = pkg.name.slice(pkg.name.lastIndexOf('/') + 1);
  const names = new Set([unscoped]);
  if (pkg.manifest.bin && typeof pkg.manifest.bin === 'object') {
    for (const key of Object.keys(pkg.manifest.bin)) names.add(key.slice(key.lastIndexOf('/') + 1));
  }
  return [...names].flatMap((name) => [name, `${name}.cmd`, `${name}.ps1`]);
}

/** For `…/node_modules/.pnpm/<id>/node_modules/<name>`, the slot `…/node_modules/.pnpm/<id>`. */
function pnpmStoreSlot(realDir: string): string | undefined {
  const segments = realDir.split(sep);
  for (let index = segments.length - 2; index >= 1; index -= 1) {
    if (segments[index] === '.pnpm' && segments[index - 1] === 'node_modules' && segments[index + 2] === 'node_modules') {
      const nameSegments = segments.length - (index + 3);
      const scoped = segments[index + 3]?.startsWith('@') === true;
      if (nameSegments === (scoped ? 2 : 1)) return segments.slice(0, index + 2).join(sep);
      return undefined;
    }
  }
  return undefined;
}
