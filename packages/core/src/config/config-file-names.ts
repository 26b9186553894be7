/**
 * The file names a service configuration may have, in the order Serverless v3 looks for them:
 * the first one that exists in the service directory wins.
 */
export const CONFIG_FILE_NAMES = [
  'serverless.yml',
  'serverless.yaml',
  'serverless.json',
  'serverless.js',
  'serverless.cjs',
  'serverless.mjs',
  'serverless.ts',
] as const;

/** Extensions a `--config` file may have (the same set as the names above). */
export const CONFIG_EXTENSIONS = ['.yml', '.yaml', '.json', '.js', '.cjs', '.mjs', '.ts'] as const;

/** Script configs are executed (through cosmiconfig's loaders); the rest are parsed as YAML. */
const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set(['.js', '.cjs', '.mjs', '.ts']);

export function isScriptConfig(extension: string): boolean {
  return SCRIPT_EXTENSIONS.has(extension);
}

export function isSupportedConfigExtension(extension: string): boolean {
  return (CONFIG_EXTENSIONS as readonly string[]).includes(extension);
}
