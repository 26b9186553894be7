// What v3 leaves in the configuration after packaging, and how compilation reads it back: every
// zip is a `package.artifact` that plugins may repoint between `package:createDeploymentArtifacts`
// and `package:compileFunctions` (bundlers and serverless-plugin-typescript move their zips into
// `.serverless` in `after:package:createDeploymentArtifacts`).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Artifact } from '../packaging';
import { describeExistingArtifact } from '../packaging/artifact';
import { artifactNotFound } from '../packaging/packaging-errors';

type Config = Record<string, unknown>;

interface PackagedArtifacts {
  functionArtifacts: ReadonlyMap<string, Artifact>;
  serviceArtifact?: Artifact;
  layerArtifacts: ReadonlyMap<string, Artifact>;
}

function asRecord(value: unknown): Config | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Config) : undefined;
}

function packageOf(owner: Config): Config {
  const existing = asRecord(owner.package);
  if (existing) return existing;
  const created: Config = {};
  owner.package = created;
  return created;
}

const artifactOf = (owner: Config | undefined): string | undefined => {
  const artifact = asRecord(owner?.package)?.artifact;
  return typeof artifact === 'string' && artifact !== '' ? artifact : undefined;
};

/**
 * As v3 after zipping: the service zip becomes `package.artifact` (unless one was given), each
 * function's own zip or prebuilt artifact its `package.artifact` (absolute), each layer's zip its
 * `package.artifact`; every zip-deployed function has a `package` object.
 */
export function recordArtifactPaths(configuration: Config, packaged: PackagedArtifacts): void {
  const functions = asRecord(configuration.functions) ?? {};
  for (const [key, artifact] of packaged.functionArtifacts) {
    const fn = asRecord(functions[key]);
    if (!fn) continue;
    const fnPackage = packageOf(fn);
    // Functions in the shared service zip keep no artifact of their own, as in v3.
    if (artifact !== packaged.serviceArtifact) fnPackage.artifact = artifact.path;
  }
  if (packaged.serviceArtifact && artifactOf(configuration) === undefined) packageOf(configuration).artifact = packaged.serviceArtifact.path;
  const layers = asRecord(configuration.layers) ?? {};
  for (const [key, artifact] of packaged.layerArtifacts) {
    const layer = asRecord(layers[key]);
    if (layer) packageOf(layer).artifact = artifact.path;
  }
}

/**
 * The artifact a function deploys, read back from the configuration as v3's compilation does
 * (`functions.<key>.package.artifact`, else the service's `package.artifact`), relative paths from
 * the service folder. A path that differs from what packaging produced is hashed again; `cache`
 * keeps one hash per file for the functions that share it.
 */
export function compiledArtifact(configuration: Config, serviceDir: string, key: string, packaged: Artifact | undefined, cache: Map<string, Artifact>): Artifact | undefined {
  const fn = asRecord(asRecord(configuration.functions)?.[key]);
  if (!fn || fn.image !== undefined || !packaged) return packaged;
  const own = artifactOf(fn);
  const configured = own ?? (asRecord(fn.package)?.individually === true ? undefined : artifactOf(configuration));
  if (configured === undefined) return packaged;
  const absolute = path.resolve(serviceDir, configured);
  if (absolute === path.resolve(packaged.path)) return packaged;
  let artifact = cache.get(absolute);
  if (!artifact) {
    if (!existsSync(absolute) || !statSync(absolute).isFile()) throw artifactNotFound(own === undefined ? 'package.artifact' : `functions.${key}.package.artifact`, absolute);
    artifact = describeExistingArtifact(absolute);
    cache.set(absolute, artifact);
  }
  return artifact;
}
