import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StratusError } from '../errors/stratus-error';
import { isScriptConfig } from './config-file-names';
import type { LocateProperty } from './locate';
import { loadScriptConfig } from './load-script-config';
import { normalizeRootKeys } from './normalize-root-keys';
import { parseJsonWithLocations } from './parse-json';
import { parseYamlWithLocations } from './parse-yaml';
import { resolveConfigPath } from './resolve-config-path';
import { locateFileOnly } from './yaml-locator';

export interface LoadedConfig {
  serviceDir: string;
  /** Absolute path of the configuration file. */
  filePath: string;
  /** Relative to `serviceDir`, e.g. `serverless.yml`: the name used in every message. */
  fileName: string;
  /** As written (variables not resolved yet), with `provider: aws` expanded to `{ name: 'aws' }`. */
  configuration: Record<string, unknown>;
  /** Line/column of any property path; only the file for JS/TS configs. */
  locate: LocateProperty;
}

export interface LoadServiceConfigOptions {
  serviceDir: string;
  /** `--config/-c`: a file name in the service directory. */
  configPath?: string;
}

/** Finds, reads and parses the service configuration, and checks the keys every service needs. */
export async function loadServiceConfig(options: LoadServiceConfigOptions): Promise<LoadedConfig> {
  const serviceDir = path.resolve(options.serviceDir);
  const filePath = await resolveConfigPath(serviceDir, options.configPath);
  const fileName = path.relative(serviceDir, filePath);
  const { value, locate } = await readConfigFile(filePath, fileName);
  const configuration = normalizeRootKeys(value, fileName, locate);
  return { serviceDir, filePath, fileName, configuration, locate };
}

async function readConfigFile(filePath: string, fileName: string): Promise<{ value: unknown; locate: LocateProperty }> {
  const extension = path.extname(filePath);
  if (isScriptConfig(extension)) return { value: await loadScriptConfig(filePath, fileName), locate: locateFileOnly(fileName) };
  const text = await readText(filePath, fileName);
  return extension === '.json' ? parseJsonWithLocations(text, fileName) : parseYamlWithLocations(text, fileName);
}

async function readText(filePath: string, fileName: string): Promise<string> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    throw new StratusError('CONFIG_READ_ERROR', `Cannot read "${fileName}": ${(error as Error).message}`, {
      hint: 'Check that the file is readable by the current user.',
      cause: error,
    });
  }
}
