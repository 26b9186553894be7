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
  // The command is done: a handle a plugin left open (a bundler's watch context, an SDK's sockets)
  // must not keep the process alive. Output to pipes and files is written synchronously on Linux
  // and macOS; the delay lets a TTY drain.
  setTimeout(() => process.exit(code), 100).unref();
}
