import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StratusError } from '@stratus/core';
import { secretsErrors } from '../errors';

export interface ValueInput {
  value?: unknown;
  file?: unknown;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The value for `secrets set`: `--value`, else `--file` (its exact content), else stdin (one
 * trailing newline dropped, as `echo` adds one). A terminal on stdin means nothing was piped.
 */
export async function readSecretValue(input: ValueInput, baseDir: string, stdin: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  const hasValue = input.value !== undefined && input.value !== null;
  const hasFile = typeof input.file === 'string' && input.file !== '';
  if (hasValue && hasFile) {
    throw new StratusError('SECRETS_AMBIGUOUS_VALUE', 'Both --value and --file are given.', { hint: 'Give the value one way: --value, --file, or stdin.' });
  }
  let value: string;
  if (hasValue) {
    value = String(input.value);
  } else if (hasFile) {
    const file = path.resolve(baseDir, input.file as string);
    try {
      value = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new StratusError('SECRETS_VALUE_FILE_UNREADABLE', `Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { hint: 'Check the path (relative paths start at the service directory).', cause: error });
    }
  } else {
    if (stdin.isTTY) throw secretsErrors.missingValue();
    value = (await readAll(stdin)).replace(/\r?\n$/, '');
  }
  if (value === '') throw secretsErrors.missingValue();
  return value;
}
