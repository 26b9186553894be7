import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useTempCacheDir } from './__fixtures__/temp-cache-dir';
import { transpileForNode } from './__fixtures__/transpile-for-node';

/**
 * Whole CLI-like runs in fresh `node` processes: whether ajv gets loaded at all, and V8's code
 * cache, which only applies outside jest's sandbox (see validator-script.ts).
 */
const RUNNER = `
const { validateConfiguration } = require('./schema/validate-config.js');
const { awsSchema } = require('./schema/__fixtures__/aws-like-schema.js');
const configuration = JSON.parse(process.argv[2]);
const problems = validateConfiguration({ configuration, schema: awsSchema(), mode: 'warn', fileName: 'serverless.yml', locate: () => ({ file: 'serverless.yml' }) });
const ajvLoaded = Object.keys(require.cache).some((file) => /[\\\\/]ajv[\\\\/]dist[\\\\/]ajv\\.js$/.test(file));
process.stdout.write(JSON.stringify({ problems, configuration, ajvLoaded }));
`;

let buildDir = '';
beforeAll(() => {
  buildDir = mkdtempSync(join(tmpdir(), 'stratus-cold-process-'));
  transpileForNode(resolve(__dirname, 'validate-config.ts'), buildDir);
  transpileForNode(resolve(__dirname, '__fixtures__/aws-like-schema.ts'), buildDir);
  writeFileSync(join(buildDir, 'runner.js'), RUNNER);
});
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

const cacheDir = useTempCacheDir('each');
const validatorsDir = () => join(cacheDir(), 'schema-validators');
const files = (suffix: string) => readdirSync(validatorsDir()).filter((name) => name.endsWith(suffix));

function run(configuration: object): { problems: unknown[]; configuration: Record<string, unknown>; ajvLoaded: boolean } {
  const output = execFileSync(process.execPath, ['runner.js', JSON.stringify(configuration)], {
    cwd: buildDir,
    // The build lives in a temporary directory: bare specifiers (ajv…) resolve from this package.
    env: { ...process.env, NODE_OPTIONS: '', STRATUS_CACHE_DIR: cacheDir(), NODE_PATH: resolve(__dirname, '../../node_modules') },
    encoding: 'utf8',
  });
  return JSON.parse(output) as ReturnType<typeof run>;
}

const valid = { service: 'my-service', provider: { name: 'aws', memorySize: '512' }, functions: { a: { handler: 'h', layers: 'arn:x', events: [{ http: 'GET /users' }] } } };

test('a miss loads ajv; later runs neither load ajv nor recompile, and V8 reuses its compiled code', () => {
  const miss = run(valid);
  expect(miss).toMatchObject({ problems: [], ajvLoaded: true });
  expect(miss.configuration).toMatchObject({ provider: { memorySize: 512 }, functions: { a: { layers: ['arn:x'] } } });
  expect(files('.js')).toHaveLength(1);
  expect(files('.bin')).toEqual([]);

  const firstHit = run(valid);
  expect(firstHit).toEqual({ ...miss, ajvLoaded: false });
  expect(files('.bin')).toHaveLength(1); // V8's code, saved after the first validation
  const codeCache = readFileSync(join(validatorsDir(), files('.bin')[0]!));

  expect(run(valid)).toEqual({ ...miss, ajvLoaded: false });
  expect(readFileSync(join(validatorsDir(), files('.bin')[0]!)).equals(codeCache)).toBe(true); // accepted, so not rewritten
});

const withChecksum = (payload: Buffer) => Buffer.concat([Buffer.from(`stratus-cache sha256=${createHash('sha256').update(payload).digest('hex')}\n`), payload]);

test.each([
  ['bytes V8 rejects', () => withChecksum(Buffer.from('not V8 code'))],
  // V8 release builds do not checksum their code cache: damaged bytes must never reach it.
  ['damaged bytes', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, bytes.length - 64), Buffer.alloc(64, 7)])],
])('a code cache with %s is ignored and rewritten', (_name, corrupt) => {
  run(valid);
  run(valid);
  const file = join(validatorsDir(), files('.bin')[0]!);
  const good = readFileSync(file);
  writeFileSync(file, corrupt(good));
  expect(run(valid)).toMatchObject({ problems: [], ajvLoaded: false });
  const rewritten = readFileSync(file);
  expect(rewritten.length).toBeGreaterThan(1000);
  expect(rewritten.subarray(rewritten.length - 64).equals(Buffer.alloc(64, 7))).toBe(false);
});

test('an invalid configuration on a hit gets the same problems as on a miss, from ajv', () => {
  const invalid = { ...valid, provider: { name: 'aws', memorySiz: 1, memorySize: '256' } };
  const miss = run(invalid);
  expect(miss.problems).toHaveLength(1);
  const hit = run(invalid);
  expect(hit).toEqual(miss);
  expect(hit.ajvLoaded).toBe(true);
});
