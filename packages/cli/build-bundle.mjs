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
  // typescript is only needed for serverless.ts configs (cosmiconfig loads it on demand); ajv only
  // when a schema is not in the validator cache yet (packages/core/src/schema/cached-validator.ts).
  // The AWS SDK is loaded only by commands that call AWS; keeping it out keeps the bundle small.
  external: ['typescript', 'ajv', 'ajv/*', '@aws-sdk/*', '@smithy/*'],
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
