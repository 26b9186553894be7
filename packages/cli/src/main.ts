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
}
