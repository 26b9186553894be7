import { runCli } from '@stratus/core';
import { preset } from './preset';

/** Entry of the `stratus` binary: run, then exit with the code the run decided. */
export async function main(argv: readonly string[]): Promise<void> {
  const code = await runCli(argv, preset, {
    cwd: process.cwd(),
    stdout: { write: (text) => process.stdout.write(text) },
    stderr: { write: (text) => process.stderr.write(text) },
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  });
  process.exitCode = code;
  // A failed command must not hang on a handle a plugin left open (a bundler's build context).
  // A successful one exits when its handles close, as in v3: plugins keep watchers running after
  // the lifecycle on purpose (`invoke local --watch`). The delay lets a TTY drain.
  if (code !== 0) setTimeout(() => process.exit(code), 100).unref();
}
