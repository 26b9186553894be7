import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { expand } from 'dotenv-expand';
import { StratusError } from '../errors/stratus-error';

/**
 * `useDotenv: true`: load `.env.<stage>` if it exists, else `.env`, with `${VAR}` expansion.
 * Variables already set in the environment win, as in v3. Returns the file loaded, if any.
 */
export function loadDotenv(serviceDir: string, stage: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [`.env.${stage}`, '.env'];
  const fileName = candidates.find((name) => existsSync(path.join(serviceDir, name)));
  if (!fileName) return undefined;
  let parsed: Record<string, string>;
  try {
    parsed = parse(readFileSync(path.join(serviceDir, fileName)));
  } catch (error) {
    throw new StratusError('DOTENV_LOAD_ERROR', `Cannot read ${fileName}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: `Check that ${fileName} is a readable KEY=value file.`,
    });
  }
  const expanded = expand({ parsed, processEnv: {} as Record<string, string> }).parsed ?? parsed;
  for (const [key, value] of Object.entries(expanded)) {
    if (env[key] === undefined) env[key] = value;
  }
  return fileName;
}
