/**
 * Schema checks the way a user meets them: a temporary service with the events under test,
 * validated by the built CLI, which bundles the event packages (`stratus print` with
 * `configValidationMode: error`). Returns the exit code and what the CLI wrote.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLI_BIN = path.resolve(__dirname, '../../cli/bin/stratus.js');
const CLI_BUNDLE = path.resolve(__dirname, '../../cli/dist/stratus.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function validateWithCli(eventType: string, events: unknown[], extraYaml = ''): Promise<CliResult> {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`The CLI is not built (${CLI_BUNDLE} is missing): run "pnpm build" at the repository root first.`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `stratus-schema-${eventType}-`));
  try {
    const config = {
      service: 'schema-test',
      configValidationMode: 'error',
      provider: { name: 'aws', runtime: 'nodejs20.x' },
      functions: { fn: { handler: 'handler.main', events: events.map((definition) => ({ [eventType]: definition })) } },
    };
    // JSON is YAML; the CLI locates problems by line either way.
    await fs.writeFile(path.join(dir, 'serverless.yml'), `${JSON.stringify(config, null, 2)}\n${extraYaml}`);
    return await new Promise<CliResult>((resolve) => {
      execFile(process.execPath, [CLI_BIN, 'print', '--format', 'json'], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' } }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
