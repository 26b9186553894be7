// `package`: builds every zip the service deploys, the v3 way but with each distinct file read and
// compressed once, whatever number of zips hold it.
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeExistingArtifact, type Artifact } from './artifact';
import { buildZips, type ZipJob } from './build-zips';
import { collectFiles } from './collect-files';
import { describeRules, type FileSelector } from './file-patterns';
import { handlerWarning } from './handler-files';
import { artifactNotFound, layerPathNotFound, noMatchedFiles, zipNameCollision, type PackageSubject } from './packaging-errors';
import { planPackaging, type ArtifactPlan, type FunctionPlan, type ZipPlan } from './packaging-plan';
import { isInsideOrSame, type WalkedFile } from './walk-files';

export interface PackagingInput {
  serviceDir: string;
  /** The configuration file name, e.g. 'serverless.yml' (never packaged). */
  configFile: string;
  /** The fully resolved serverless.yml (service, package, functions, layers, useDotenv, plugins). */
  configuration: Record<string, unknown>;
  /** Absolute; usually `<serviceDir>/.serverless`, already emptied by the caller. */
  outputDir: string;
  log: { warning(msg: string): void; verbose(msg: string): void };
  /** Only package this function (v3 `package:function` / deploy function); all when absent. */
  onlyFunction?: string;
  /**
   * The folder symbolic links may lead into (default: `serviceDir`). When a plugin packages a build
   * folder inside the service (serverless-plugin-typescript's `.build`, whose `package.json` links
   * to the service's), this is the service folder.
   */
  containmentRoot?: string;
}

export interface PackagingResult {
  /** fnKey → what that function deploys (the shared service zip, its own zip, or its package.artifact). Image functions and `package.disable` are absent. */
  functionArtifacts: Map<string, Artifact>;
  /** The shared `<service>.zip` (or the service's `package.artifact`), when any function uses it. */
  serviceArtifact?: Artifact;
  /** layerKey → `<layer>.zip` (or the layer's `package.artifact`). */
  layerArtifacts: Map<string, Artifact>;
}

export async function packageService(input: PackagingInput): Promise<PackagingResult> {
  const started = performance.now();
  const plan = planPackaging(input);
  const serviceRoot = realpathSync(input.serviceDir);
  const containmentRoot = containmentRootFor(serviceRoot, input.containmentRoot);
  mkdirSync(input.outputDir, { recursive: true });
  const ignoredRealDirs = [realpathSync(input.outputDir)];

  // Prebuilt artifacts first: a wrong path fails before any zipping.
  const serviceArtifact = plan.serviceArtifact && existingArtifact(plan.serviceArtifact);
  const functionArtifacts = new Map<string, Artifact>();
  for (const fn of plan.functions) {
    if (fn.delivery.kind === 'artifact') functionArtifacts.set(fn.key, existingArtifact(fn.delivery.artifact));
  }
  const layerArtifacts = new Map<string, Artifact>();
  for (const layer of plan.layers) {
    if (layer.source.kind === 'artifact') layerArtifacts.set(layer.key, existingArtifact(layer.source.artifact));
  }

  const serviceZips = [plan.serviceZip, ...plan.functions.map((fn) => (fn.delivery.kind === 'ownZip' ? fn.delivery.zip : undefined))].filter(
    (zip): zip is ZipPlan => zip !== undefined,
  );
  const layerZips = plan.layers.flatMap((layer) => (layer.source.kind === 'zip' ? [{ key: layer.key, zip: layer.source.zip, dir: layer.source.dir }] : []));
  refuseZipNameCollisions([...serviceZips, ...layerZips.map((layer) => layer.zip)]);

  const jobs: ZipJob[] = [];
  if (serviceZips.length > 0) {
    jobs.push(...selectFiles(serviceZips, serviceRoot, containmentRoot, plan.excludeDevDependencies, ignoredRealDirs, input.log));
  }
  for (const layer of layerZips) {
    if (!existsSync(layer.dir) || !statSync(layer.dir).isDirectory()) throw layerPathNotFound(layer.key, layer.dir);
    const layerRoot = realpathSync(layer.dir);
    // A layer folder outside the service (a monorepo's shared layer) is its own boundary.
    const layerContainment = isInsideOrSame(layerRoot, containmentRoot) ? containmentRoot : layerRoot;
    jobs.push(...selectFiles([layer.zip], layerRoot, layerContainment, plan.excludeDevDependencies, ignoredRealDirs, input.log));
  }

  warnAboutMissingHandlers(plan.functions, jobs, plan.serviceZip, input);

  const written = await buildZips(jobs, input.outputDir, input.log);

  const serviceZipArtifact = plan.serviceZip && written.get(plan.serviceZip);
  for (const fn of plan.functions) {
    const artifact =
      fn.delivery.kind === 'ownZip'
        ? written.get(fn.delivery.zip)
        : fn.delivery.kind === 'serviceZip'
          ? serviceZipArtifact
          : fn.delivery.kind === 'serviceArtifact'
            ? serviceArtifact
            : functionArtifacts.get(fn.key);
    if (artifact) functionArtifacts.set(fn.key, artifact);
  }
  for (const layer of layerZips) {
    const artifact = written.get(layer.zip);
    if (artifact) layerArtifacts.set(layer.key, artifact);
  }
  input.log.verbose(`Packaging: done in ${Math.round(performance.now() - started)} ms`);

  const result: PackagingResult = { functionArtifacts: orderedLike(plan.functions, functionArtifacts), layerArtifacts: orderedLike(plan.layers, layerArtifacts) };
  const shared = serviceZipArtifact ?? serviceArtifact;
  if (shared) result.serviceArtifact = shared;
  return result;
}

/** The given containment folder when the service folder lies inside it, else the service folder itself. */
function containmentRootFor(serviceRoot: string, requested: string | undefined): string {
  if (requested === undefined || !existsSync(requested)) return serviceRoot;
  const root = realpathSync(requested);
  return isInsideOrSame(serviceRoot, root) ? root : serviceRoot;
}

/** Lists one folder once, then picks each zip's files (zips with the same rules share the pick). */
function selectFiles(
  zips: readonly ZipPlan[],
  rootDir: string,
  containmentRoot: string,
  excludeDevDependencies: boolean,
  ignoredRealDirs: readonly string[],
  log: PackagingInput['log'],
): ZipJob[] {
  const selectors = [...new Set(zips.map((zip) => zip.selector))];
  const collected = collectFiles({ rootDir, containmentRoot, selectors, excludeDevDependencies, ignoredRealDirs, log });
  const devOnly = collected.devDependencyPackages;
  if (devOnly.length > 0) {
    const listed = devOnly.slice(0, 10).join(', ') + (devOnly.length > 10 ? ', …' : '');
    log.verbose(`Packaging: leaving out ${devOnly.length} dev-only packages (${listed})`);
  }
  const picks = new Map<FileSelector, WalkedFile[]>();
  return zips.map((zip) => {
    let files = picks.get(zip.selector);
    if (!files) picks.set(zip.selector, (files = collected.files.filter((file) => zip.selector.isSelected(file.relativePath))));
    if (files.length === 0) throw noMatchedFiles(zip.subject, describeRules(zip.selector.rules));
    return { plan: zip, files };
  });
}

function warnAboutMissingHandlers(functions: readonly FunctionPlan[], jobs: readonly ZipJob[], serviceZip: ZipPlan | undefined, input: PackagingInput): void {
  const entrySets = new Map<ZipPlan, Set<string>>();
  const entriesOf = (zip: ZipPlan): Set<string> => {
    let entries = entrySets.get(zip);
    if (!entries) entrySets.set(zip, (entries = new Set(jobs.find((job) => job.plan === zip)?.files.map((file) => file.relativePath))));
    return entries;
  };
  for (const fn of functions) {
    if (fn.handler === undefined) continue;
    const zip = fn.delivery.kind === 'ownZip' ? fn.delivery.zip : fn.delivery.kind === 'serviceZip' ? serviceZip : undefined;
    if (!zip) continue; // a prebuilt artifact: its content is the user's business
    const warning = handlerWarning(fn.key, fn.handler, fn.runtime, entriesOf(zip), (path) => existsSync(join(input.serviceDir, path)));
    if (warning) input.log.warning(warning);
  }
}

function existingArtifact(artifact: ArtifactPlan): Artifact {
  if (!existsSync(artifact.path) || !statSync(artifact.path).isFile()) throw artifactNotFound(artifact.configKey, artifact.path);
  return describeExistingArtifact(artifact.path);
}

function refuseZipNameCollisions(zips: readonly ZipPlan[]): void {
  const owners = new Map<string, PackageSubject>();
  for (const zip of zips) {
    const first = owners.get(zip.zipName);
    if (first) throw zipNameCollision(zip.zipName, first, zip.subject);
    owners.set(zip.zipName, zip.subject);
  }
}

/** Maps keep the configuration's order, so callers iterate functions and layers as written. */
function orderedLike<T>(order: ReadonlyArray<{ key: string }>, unordered: Map<string, T>): Map<string, T> {
  const ordered = new Map<string, T>();
  for (const { key } of order) {
    const value = unordered.get(key);
    if (value !== undefined) ordered.set(key, value);
  }
  return ordered;
}
