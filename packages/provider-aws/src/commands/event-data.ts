import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseYaml, StratusError } from '@stratus/core';

/** An event or context given on the command line: JSON when it parses, else the text. */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A JSON or YAML file (by extension; other files: JSON if it parses, else the text). */
export async function readDataFile(file: string, serviceDir: string, option: string): Promise<unknown> {
  const absolute = path.isAbsolute(file) ? file : path.join(serviceDir, file);
  let text: string;
  try {
    text = await fs.readFile(absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StratusError('FILE_NOT_FOUND', `The file given with ${option} does not exist: ${absolute}`, { hint: `Paths are relative to the service directory (${serviceDir}).` });
    }
    throw error;
  }
  const extension = path.extname(absolute).toLowerCase();
  if (extension === '.yml' || extension === '.yaml') return parseYaml(text, file);
  if (extension === '.json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new StratusError('INVOKE_INVALID_JSON', `Cannot parse ${file}: ${(error as Error).message}`, { hint: `Fix the JSON in the file given with ${option}.` });
    }
  }
  return parseJsonOrText(text);
}
