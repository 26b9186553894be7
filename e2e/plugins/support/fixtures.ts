import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The community plugin fixtures (shared/plugin-fixtures/README.md): read in place, never copied
 * into this repository.
 */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../../shared/plugin-fixtures');

export type ExtraCheck =
  | { file: string; kind: 'zip-entries'; artifact: string }
  | { file: string; kind: 'function-environments' };

export interface Fixture {
  name: string;
  dir: string;
  plugin: string;
  version: string;
  command: string[];
  /** `null` means: the variable must be unset. */
  env: Record<string, string | null>;
  extra: ExtraCheck[];
}

export function listFixtures(): Fixture[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  return readdirSync(FIXTURES_DIR)
    .filter((name) => existsSync(path.join(FIXTURES_DIR, name, 'fixture.json')))
    .sort()
    .map((name) => {
      const dir = path.join(FIXTURES_DIR, name);
      const raw = JSON.parse(readFileSync(path.join(dir, 'fixture.json'), 'utf8')) as Omit<Fixture, 'name' | 'dir' | 'extra'> & { extra?: ExtraCheck[] };
      return { name, dir, plugin: raw.plugin, version: raw.version, command: raw.command, env: raw.env ?? {}, extra: raw.extra ?? [] };
    });
}

/** Step 1 of the procedure: a fresh copy without `expected/` and `fixture.json` (neither belongs to the service). */
export function copyFixture(fixture: Fixture): string {
  const target = mkdtempSync(path.join(os.tmpdir(), `stratus-plugin-${fixture.name}-`));
  const skipped = new Set([path.join(fixture.dir, 'expected'), path.join(fixture.dir, 'fixture.json')]);
  cpSync(fixture.dir, target, { recursive: true, filter: (source) => !skipped.has(source) });
  // The shared fixtures are read-only, and cpSync keeps modes: npm must be able to write here.
  makeWritable(target);
  return target;
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(full);
    else chmodSync(full, 0o644);
  }
}

/** The fixture's environment for Spawn: strings set, `null` unsets (Node leaves undefined values out). */
export function fixtureEnv(fixture: Fixture): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    // jest sets NODE_ENV=test; a user's shell has none (plugins such as dotenv read it).
    NODE_ENV: undefined,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
  for (const [key, value] of Object.entries(fixture.env)) env[key] = value ?? undefined;
  return env;
}
