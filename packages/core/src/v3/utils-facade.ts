import { randomBytes, randomInt } from 'node:crypto';
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

/** JSON that survives reference cycles (v3's `cycles` flag): a repeated ancestor becomes "[Circular]". */
function jsonWithCycles(value: unknown): string {
  const ancestors: unknown[] = [];
  return JSON.stringify(
    value,
    function replacer(this: unknown, _key: string, current: unknown) {
      if (typeof current !== 'object' || current === null) return current;
      while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
      if (ancestors.includes(current)) return '[Circular]';
      ancestors.push(current);
      return current;
    },
    2,
  );
}

/** What v3 wrote for a value: strings and bytes as they are, objects as YAML for `.yml`, else pretty JSON. */
function serialise(filePath: string, contents: unknown, cycles: boolean): string | Uint8Array {
  if (typeof contents === 'string' || contents instanceof Uint8Array) return contents;
  const extension = path.extname(filePath).toLowerCase();
  if (extension === '.yml' || extension === '.yaml') return stringifyYaml(contents);
  return cycles ? jsonWithCycles(contents) : JSON.stringify(contents, null, 2);
}

function writeFileDir(filePath: string): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
}

function writeFileSync(filePath: string, contents: unknown, cycles = false): void {
  writeFileDir(filePath);
  fs.writeFileSync(filePath, serialise(filePath, contents, cycles));
}

/** Every file under `dir`; symbolic links are followed unless `noLinks` (then listed as files), as v3. */
function walkDirSync(dir: string, options: { noLinks?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = options.noLinks ? fs.lstatSync(full) : fs.statSync(full);
    if (stat.isDirectory()) out.push(...walkDirSync(full, options));
    else out.push(full);
  }
  return out;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** v3's `serverless.utils`: the file helpers plugins call. */
export interface UtilsFacade {
  getVersion(): string;
  readFileSync(filePath: string): unknown;
  readFile(filePath: string): Promise<unknown>;
  writeFileSync(filePath: string, contents: unknown, cycles?: boolean): void;
  writeFile(filePath: string, contents: unknown, cycles?: boolean): Promise<void>;
  appendFileSync(filePath: string, contents?: string): Promise<void>;
  writeFileDir(filePath: string): void;
  fileExistsSync(filePath: string): boolean;
  dirExistsSync(dirPath: string): boolean;
  getTmpDirPath(): string;
  walkDirSync(dirPath: string, options?: { noLinks?: boolean }): string[];
  copyDirContentsSync(source: string, destination: string, options?: { noLinks?: boolean }): void;
  generateShortId(length?: number): string;
  isEventUsed(functions: Record<string, { events?: unknown[] }>, eventName: string): boolean;
}

export function createUtilsFacade(version: string): UtilsFacade {
  return {
    getVersion: () => version,
    readFileSync: (filePath) => parseByExtension(filePath, fs.readFileSync(filePath, 'utf8')),
    readFile: async (filePath) => parseByExtension(filePath, await fs.promises.readFile(filePath, 'utf8')),
    writeFileSync,
    writeFile: async (filePath, contents, cycles) => writeFileSync(filePath, contents, cycles),
    // Synchronous, yet returns a promise, as v3's did.
    appendFileSync: async (filePath, contents = '') => {
      writeFileDir(filePath);
      fs.appendFileSync(filePath, contents);
    },
    writeFileDir,
    fileExistsSync: (filePath) => fs.existsSync(filePath) && fs.statSync(filePath).isFile(),
    dirExistsSync: (dirPath) => fs.existsSync(dirPath) && fs.statSync(dirPath).isDirectory(),
    getTmpDirPath: () => {
      const dir = path.join(os.tmpdir(), 'tmpdirs-serverless', randomBytes(8).toString('hex'));
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    },
    walkDirSync,
    copyDirContentsSync: (source, destination, options = {}) =>
      fs.cpSync(source, destination, {
        recursive: true,
        dereference: true,
        ...(options.noLinks ? { filter: (file: string) => !fs.lstatSync(file).isSymbolicLink() } : {}),
      }),
    // Lower-case letters and digits, as v3's (it used Math.random().toString(36)).
    generateShortId: (length = 6) => Array.from({ length }, () => BASE36[randomInt(36)]).join(''),
    isEventUsed: (functions, eventName) =>
      Object.values(functions).some((fn) => (fn.events ?? []).some((event) => event && typeof event === 'object' && Object.keys(event)[0] === eventName)),
  };
}
