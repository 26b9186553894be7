import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { StratusError } from '../errors/stratus-error';
import { CONFIG_EXTENSIONS, CONFIG_FILE_NAMES, isSupportedConfigExtension } from './config-file-names';

/**
 * The absolute path of the service's configuration file: `--config` when given (it must name a
 * file directly inside the service directory, as in v3), otherwise the first of
 * `CONFIG_FILE_NAMES` present in the service directory.
 */
export async function resolveConfigPath(serviceDir: string, configPath?: string): Promise<string> {
  return configPath === undefined ? findConfigFile(serviceDir) : checkCustomConfigPath(serviceDir, configPath);
}

async function findConfigFile(serviceDir: string): Promise<string> {
  // One readdir instead of up to seven stats: this runs on every CLI start.
  let entries;
  try {
    entries = await readdir(serviceDir, { withFileTypes: true });
  } catch (error) {
    throw new StratusError('CONFIG_NOT_FOUND', `Cannot read the service directory "${serviceDir}": ${(error as Error).message}`, {
      hint: 'Run the command from your service directory (the one that holds serverless.yml).',
      cause: error,
    });
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const name of CONFIG_FILE_NAMES) {
    const entry = byName.get(name);
    if (entry === undefined) continue;
    const filePath = path.join(serviceDir, name);
    if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(filePath)))) return filePath;
  }
  throw new StratusError(
    'CONFIG_NOT_FOUND',
    `No service configuration file found in "${serviceDir}". Looked for: ${CONFIG_FILE_NAMES.join(', ')}.`,
    { hint: 'Run the command from your service directory, or point to the file with --config <file>.' },
  );
}

async function checkCustomConfigPath(serviceDir: string, configPath: string): Promise<string> {
  const filePath = path.resolve(serviceDir, configPath);
  if (path.dirname(filePath) !== serviceDir) {
    throw new StratusError(
      'CONFIG_NESTED_PATH',
      `--config "${configPath}" is not directly inside the service directory "${serviceDir}".`,
      {
        hint: `--config takes a file name in the service directory (e.g. --config ${path.basename(filePath)}). To use a file in another directory, run the command from that directory.`,
      },
    );
  }
  const extension = path.extname(filePath);
  if (!isSupportedConfigExtension(extension)) {
    throw new StratusError(
      'CONFIG_UNSUPPORTED_EXTENSION',
      `--config "${configPath}" has an unsupported extension${extension ? ` "${extension}"` : ''}.`,
      { hint: `Use a file ending in ${CONFIG_EXTENSIONS.join(', ')}.` },
    );
  }
  if (!(await isFile(filePath))) {
    throw new StratusError('CONFIG_FILE_NOT_FOUND', `--config "${configPath}": no such file in "${serviceDir}".`, {
      hint: 'Check the file name, or omit --config to use serverless.yml.',
    });
  }
  return filePath;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}
