import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { STRATUS_BIN } from '../../support/run-stratus';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A long-running CLI child (a server such as `stratus offline`) that a test talks to, then stops. */
export interface StratusProcess {
  readonly pid: number | undefined;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr or stdout matches; rejects (with the output) on exit or timeout. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Sends `signal` and resolves with how the process ended; rejects if it is still running after `timeoutMs`. */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<Exit>;
  /** SIGKILL if still running (cleanup after a failed test). */
  kill(): void;
}

/**
 * Start the built CLI in `cwd` as runStratus does (same environment: CI, the suite's cache
 * folder), without waiting for it to end.
 */
export function startStratus(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): StratusProcess {
  const child = spawn(process.execPath, [STRATUS_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, CI: 'true', STRATUS_CACHE_DIR: path.join(os.tmpdir(), 'stratus-e2e-cache'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    child.on('error', () => resolve({ code: null, signal: null }));
  });
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const transcript = (): string => `--- stdout\n${stdout}\n--- stderr\n${stderr}`;

  return {
    pid: child.pid,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput: (pattern, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(stdout) || pattern.test(stderr)) finish(resolve);
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no output matching ${pattern} after ${timeoutMs} ms\n${transcript()}`))), timeoutMs);
        const onExit = (): void => finish(() => reject(new Error(`stratus exited (${JSON.stringify(exit)}) before printing ${pattern}\n${transcript()}`)));
        let settled = false;
        const finish = (settle: () => void): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.stderr.off('data', check);
          child.off('close', onExit);
          settle();
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.once('close', onExit);
        check();
        if (exit) onExit();
      }),
    stop: async (signal, timeoutMs) => {
      if (!exit) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`stratus still running ${timeoutMs} ms after ${signal}\n${transcript()}`)), timeoutMs);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => {
      if (!exit) child.kill('SIGKILL');
    },
  };
}
