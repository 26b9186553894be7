// Bundle the CLI into one file: start-up is hot, and resolving and reading hundreds of small
// module files costs more than running them. Heavy optional dependencies stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/stratus.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // typescript is only needed for serverless.ts configs (cosmiconfig loads it on demand).
  external: ['typescript'],
  legalComments: 'none',
  logLevel: 'warning',
});
