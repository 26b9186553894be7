// Reads the resolved configuration and decides what gets packaged how: which zips exist, which
// rules select their files, and what each function deploys. No file system work beyond path math.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { DEFAULT_EXCLUDES, FileSelector, orderRules } from './file-patterns';
import { layerWithoutPath, s3ArtifactUnsupported, unknownFunction, type PackageSubject } from './packaging-errors';

/** A zip to build from the files of the service folder or of a layer folder. */
export interface ZipPlan {
  subject: PackageSubject;
  zipName: string;
  selector: FileSelector;
}

/** A prebuilt zip named by `package.artifact`. */
export interface ArtifactPlan {
  configKey: string;
  /** Absolute path. */
  path: string;
}

export type FunctionDelivery = { kind: 'serviceZip' } | { kind: 'ownZip'; zip: ZipPlan } | { kind: 'serviceArtifact' } | { kind: 'artifact'; artifact: ArtifactPlan };

export interface FunctionPlan {
  key: string;
  handler: string | undefined;
  runtime: string;
  delivery: FunctionDelivery;
}

export interface LayerPlan {
  key: string;
  source: { kind: 'zip'; zip: ZipPlan; dir: string } | { kind: 'artifact'; artifact: ArtifactPlan };
}

export interface PackagingPlan {
  serviceName: string;
  functions: FunctionPlan[];
  /** Set when some function deploys the shared service zip. */
  serviceZip: ZipPlan | undefined;
  /** Service-level `package.artifact`, when some function deploys it. */
  serviceArtifact: ArtifactPlan | undefined;
  layers: LayerPlan[];
  excludeDevDependencies: boolean;
}

export interface PlanInput {
  serviceDir: string;
  configFile: string;
  configuration: Record<string, unknown>;
  onlyFunction?: string;
  log: { warning(msg: string): void };
}

interface PackageSection {
  patterns: string[];
  include: string[];
  exclude: string[];
  artifact: string | undefined;
  individually: boolean;
  disable: boolean;
  excludeDevDependencies: boolean | undefined;
}

/** v3's default runtime, used only to tell Python handlers from Node ones. */
const DEFAULT_RUNTIME = 'nodejs16.x';

export function planPackaging(input: PlanInput): PackagingPlan {
  const config = input.configuration;
  const servicePackage = readPackageSection(config.package);
  const provider = asRecord(config.provider);
  const serviceName = readServiceName(config.service);
  const layers = asRecord(config.layers);
  const functions = asRecord(config.functions);

  const layerPaths = Object.values(layers)
    .map((layer) => asRecord(layer).path)
    .filter((path): path is string => typeof path === 'string')
    .map((path) => relativeInside(input.serviceDir, path))
    .filter((path): path is string => path !== undefined && path !== '');
  const serviceExcludes = [
    ...DEFAULT_EXCLUDES,
    toPosix(isAbsolute(input.configFile) ? relative(input.serviceDir, input.configFile) : input.configFile),
    ...pluginsLocalPathExcludes(config.plugins),
    ...servicePackage.exclude,
  ];
  const trailingExcludes = [...layerPaths.map((path) => `${path}/**`), ...(config.useDotenv === true ? ['.env*'] : [])];
  const selectorCache = new Map<string, FileSelector>();
  const selectorFor = (excludes: string[], includes: string[]): FileSelector => {
    const rules = orderRules(excludes, includes);
    const key = JSON.stringify(rules);
    let selector = selectorCache.get(key);
    if (!selector) selectorCache.set(key, (selector = new FileSelector(rules)));
    return selector;
  };
  const serviceSelector = selectorFor([...serviceExcludes, ...trailingExcludes], [...servicePackage.include, ...servicePackage.patterns]);

  let functionKeys = Object.keys(functions);
  if (input.onlyFunction !== undefined) {
    if (!functionKeys.includes(input.onlyFunction)) throw unknownFunction(input.onlyFunction, functionKeys);
    functionKeys = [input.onlyFunction];
  }

  const plans: FunctionPlan[] = [];
  const ignoredPatterns: string[] = [];
  for (const key of functionKeys) {
    const fn = asRecord(functions[key]);
    const fnPackage = readPackageSection(fn.package);
    if (fn.image !== undefined || fnPackage.disable) continue;
    const handler = typeof fn.handler === 'string' ? fn.handler : undefined;
    const runtime = typeof fn.runtime === 'string' ? fn.runtime : typeof provider.runtime === 'string' ? provider.runtime : DEFAULT_RUNTIME;
    // As v3: under service-level `individually`, a service `package.artifact` still serves the
    // functions that do not ask to be packaged individually themselves.
    const individually = fnPackage.individually || (servicePackage.individually && servicePackage.artifact === undefined);
    const hasOwnPatterns = fnPackage.patterns.length + fnPackage.include.length + fnPackage.exclude.length > 0;

    let delivery: FunctionDelivery;
    if (fnPackage.artifact !== undefined) {
      delivery = { kind: 'artifact', artifact: artifactPlan(input.serviceDir, `functions.${key}.package.artifact`, fnPackage.artifact) };
    } else if (individually) {
      const selector = selectorFor(
        [...serviceExcludes, ...fnPackage.exclude, ...trailingExcludes],
        [...servicePackage.include, ...servicePackage.patterns, ...fnPackage.include, ...fnPackage.patterns],
      );
      delivery = { kind: 'ownZip', zip: { subject: { kind: 'function', key }, zipName: `${key}.zip`, selector } };
    } else {
      if (hasOwnPatterns) ignoredPatterns.push(key);
      delivery = servicePackage.artifact !== undefined ? { kind: 'serviceArtifact' } : { kind: 'serviceZip' };
    }
    plans.push({ key, handler, runtime, delivery });
  }
  // One warning for all, as v3 (bundler plugins set patterns on every function).
  if (ignoredPatterns.length > 0) {
    const which = ignoredPatterns.map((key) => `functions.${key}.package`).join(', ');
    input.log.warning(`Package patterns at function level are only applied when package.individually is true (for the service or the function); those of ${which} are ignored.`);
  }

  const serviceArtifact =
    servicePackage.artifact !== undefined && plans.some((plan) => plan.delivery.kind === 'serviceArtifact')
      ? artifactPlan(input.serviceDir, 'package.artifact', servicePackage.artifact)
      : undefined;
  const serviceZip = plans.some((plan) => plan.delivery.kind === 'serviceZip')
    ? { subject: { kind: 'service' as const, key: serviceName }, zipName: `${serviceName}.zip`, selector: serviceSelector }
    : undefined;

  // `package function` / `deploy function` package only the function, as v3 does.
  const layerPlans = input.onlyFunction === undefined ? Object.keys(layers).map((key) => planLayer(input.serviceDir, key, asRecord(layers[key]))) : [];

  return {
    serviceName,
    functions: plans,
    serviceZip,
    serviceArtifact,
    layers: layerPlans,
    excludeDevDependencies: servicePackage.excludeDevDependencies !== false,
  };
}

function planLayer(serviceDir: string, key: string, layer: Record<string, unknown>): LayerPlan {
  const layerPackage = readPackageSection(layer.package);
  if (layerPackage.artifact !== undefined) {
    return { key, source: { kind: 'artifact', artifact: artifactPlan(serviceDir, `layers.${key}.package.artifact`, layerPackage.artifact) } };
  }
  if (typeof layer.path !== 'string' || layer.path === '') throw layerWithoutPath(key);
  // A layer's own rules apply relative to its folder; the service's patterns do not.
  const selector = new FileSelector(orderRules([...DEFAULT_EXCLUDES, ...layerPackage.exclude], [...layerPackage.include, ...layerPackage.patterns]));
  return { key, source: { kind: 'zip', dir: resolve(serviceDir, layer.path), zip: { subject: { kind: 'layer', key }, zipName: `${key}.zip`, selector } } };
}

function artifactPlan(serviceDir: string, configKey: string, artifact: string): ArtifactPlan {
  if (/^s3:\/\//i.test(artifact) || /^https?:\/\/[^/]*\bs3[.-]/i.test(artifact)) throw s3ArtifactUnsupported(configKey, artifact);
  return { configKey, path: resolve(serviceDir, artifact) };
}

function readPackageSection(value: unknown): PackageSection {
  const section = asRecord(value);
  return {
    patterns: stringList(section.patterns),
    include: stringList(section.include),
    exclude: stringList(section.exclude),
    artifact: typeof section.artifact === 'string' && section.artifact !== '' ? section.artifact : undefined,
    individually: section.individually === true,
    disable: section.disable === true,
    excludeDevDependencies: typeof section.excludeDevDependencies === 'boolean' ? section.excludeDevDependencies : undefined,
  };
}

function readServiceName(service: unknown): string {
  if (typeof service === 'string') return service;
  const name = asRecord(service).name; // v1-style `service: { name }`
  return typeof name === 'string' ? name : 'service';
}

/** v3 excludes the local plugins folder; `plugins.localPath` may move it. */
function pluginsLocalPathExcludes(plugins: unknown): string[] {
  const localPath = asRecord(plugins).localPath;
  if (typeof localPath !== 'string' || localPath === '') return [];
  const path = toPosix(localPath).replace(/^\.\//, '').replace(/\/+$/, '');
  return path === '' || path === '.' ? [] : [path, `${path}/**`];
}

/** `path` relative to the service folder with forward slashes, or undefined when outside it. */
function relativeInside(serviceDir: string, path: string): string | undefined {
  const inside = relative(serviceDir, resolve(serviceDir, path));
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return toPosix(inside);
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
