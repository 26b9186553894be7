import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const STRATUS_BIN = path.resolve(__dirname, '../../packages/cli/bin/stratus.js');

export interface StratusRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the built CLI as a user does: a child process in the service directory. An `env` value of
 * `undefined` unsets that variable (Node's spawn leaves undefined values out); `timeoutMs` kills a
 * run that hangs, so the test fails instead of jest waiting for the child; `stdin` is piped in
 * (otherwise stdin is empty).
 */
export function runStratus(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number; stdin?: string }): Promise<StratusRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STRATUS_BIN, ...args], {
      cwd: options.cwd,
      // A cache folder of the suite's own, so tests never write into the user's ~/.cache.
      env: { ...process.env, CI: 'true', STRATUS_CACHE_DIR: path.join(os.tmpdir(), 'stratus-e2e-cache'), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** A fresh copy of a scenario's service folder, so runs never share state. */
export function copyService(sourceDir: string): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'stratus-e2e-'));
  cpSync(sourceDir, target, { recursive: true });
  return target;
}
