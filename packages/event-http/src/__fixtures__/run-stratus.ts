import { mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { coreCommandsPlugin, printPlugin, runCli, type BuiltinPlugin, type CliPreset } from '@stratus/core';
import { httpEventPlugin } from '../http-event-plugin';

export interface StratusRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the Stratus command line in this process, with this package's plugin built in (what the
 * CLI package will do once it bundles the event packages), in `cwd` with `env` added.
 */
export async function runStratus(argv: string[], cwd: string, options: { env?: Record<string, string>; plugins?: BuiltinPlugin[] } = {}): Promise<StratusRun> {
  const preset: CliPreset = {
    version: '0.0.0-test',
    builtinPlugins: [coreCommandsPlugin, printPlugin, httpEventPlugin, ...(options.plugins ?? [])],
    providerPackages: { aws: '@stratus/provider-aws' },
    bundledProviders: { aws: () => require('@stratus/provider-aws') as unknown },
    resolveFromCli: (specifier) => {
      try {
        return require.resolve(specifier);
      } catch {
        return undefined;
      }
    },
  };
  const saved = new Map<string, string | undefined>();
  const env: Record<string, string> = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', SLS_TELEMETRY_DISABLED: '1', ...options.env };
  for (const [name, value] of Object.entries(env)) {
    saved.set(name, process.env[name]);
    process.env[name] = value;
  }
  let stdout = '';
  let stderr = '';
  try {
    const code = await runCli(argv, preset, {
      cwd,
      stdout: { write: (text) => void (stdout += text) },
      stderr: { write: (text) => void (stderr += text) },
      interactive: false,
    });
    return { code, stdout, stderr };
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A scratch copy of a service folder (without `expected/`), removed by `dispose`. */
export function copyService(source: string): { dir: string; dispose: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'stratus-event-http-'));
  const dir = path.join(root, path.basename(source));
  cpSync(source, dir, { recursive: true, filter: (file) => path.basename(file) !== 'expected' && path.basename(file) !== '.serverless' });
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
