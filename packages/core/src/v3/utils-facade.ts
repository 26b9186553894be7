import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { cloudFormationTags } from '../config/yaml-cfn-tags';

function parseByExtension(filePath: string, text: string): unknown {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.json') return JSON.parse(text);
  if (extension === '.yml' || extension === '.yaml') return parseYaml(text, { customTags: cloudFormationTags });
  return text.trim();
}

function serialise(filePath: string, contents: unknown): string {
  if (typeof contents === 'string') return contents;
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.yml' || extension === '.yaml') return stringifyYaml(contents);
  return JSON.stringify(contents, null, 2);
}

function writeFileDir(filePath: string): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
}

function walkDirSync(dir: string, options: { noLinks?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink() && options.noLinks) continue;
    if (entry.isDirectory()) out.push(...walkDirSync(full, options));
    else out.push(full);
  }
  return out;
}

/** v3's `serverless.utils`: the file helpers plugins call. */
export function createUtilsFacade(version: string): Record<string, unknown> {
  return {
    readFileSync: (filePath: string) => parseByExtension(filePath, fs.readFileSync(filePath, 'utf8')),
    readFile: async (filePath: string) => parseByExtension(filePath, await fs.promises.readFile(filePath, 'utf8')),
    writeFileSync: (filePath: string, contents: unknown) => {
      writeFileDir(filePath);
      fs.writeFileSync(filePath, serialise(filePath, contents));
    },
    writeFile: async (filePath: string, contents: unknown) => {
      await fs.promises.mkdir(path.dirname(filePath), { recursive: true });
      await fs.promises.writeFile(filePath, serialise(filePath, contents));
    },
    appendFileSync: (filePath: string, contents: string) => {
      writeFileDir(filePath);
      fs.appendFileSync(filePath, contents);
    },
    writeFileDir,
    fileExistsSync: (filePath: string) => fs.existsSync(filePath) && fs.statSync(filePath).isFile(),
    dirExistsSync: (dirPath: string) => fs.existsSync(dirPath) && fs.statSync(dirPath).isDirectory(),
    getTmpDirPath: () => {
      const dir = path.join(os.tmpdir(), 'tmpdirs-serverless', randomBytes(4).toString('hex'));
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    },
    walkDirSync,
    copyDirContentsSync: (source: string, destination: string) => fs.cpSync(source, destination, { recursive: true }),
    generateShortId: (length = 6) => randomBytes(length).toString('base64url').slice(0, length).toLowerCase(),
    isEventUsed: (functions: Record<string, { events?: unknown[] }>, eventName: string) =>
      Object.values(functions).some((fn) => (fn.events ?? []).some((event) => event && typeof event === 'object' && eventName in event)),
    getVersion: () => version,
  };
}
