import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isStratusError, type StratusError } from '../errors/stratus-error';
import { loadServiceConfig } from './index';

const fixtures = path.join(__dirname, '__fixtures__');
const fixture = (name: string) => path.join(fixtures, name);

async function loadFailure(serviceDir: string, configPath?: string): Promise<StratusError> {
  try {
    await loadServiceConfig(configPath === undefined ? { serviceDir } : { serviceDir, configPath });
  } catch (error) {
    if (isStratusError(error)) return error;
    throw error;
  }
  throw new Error('expected loadServiceConfig to fail');
}

/** A throw-away service directory holding `files`. */
function serviceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stratus-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  tempDirs.push(dir);
  return dir;
}
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('formats (in process)', () => {
  test('serverless.yml: CloudFormation tags, provider shorthand expanded, positions kept', async () => {
    const loaded = await loadServiceConfig({ serviceDir: fixture('yml') });
    expect(loaded).toMatchObject({ serviceDir: fixture('yml'), filePath: path.join(fixture('yml'), 'serverless.yml'), fileName: 'serverless.yml' });
    expect(loaded.configuration).toEqual({
      service: 'yml-service',
      provider: { name: 'aws' },
      custom: { bucket: { Ref: 'Bucket' }, arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
    });
    expect(loaded.locate(['custom', 'arn'])).toEqual({ file: 'serverless.yml', line: 5, column: 3 });
  });

  test('serverless.yaml', async () => {
    const loaded = await loadServiceConfig({ serviceDir: fixture('yaml') });
    expect(loaded.fileName).toBe('serverless.yaml');
    expect(loaded.configuration).toEqual({ service: 'yaml-service', provider: { name: 'aws', stage: 'dev' } });
    expect(loaded.locate(['provider', 'stage'])).toEqual({ file: 'serverless.yaml', line: 4, column: 3 });
  });

  test('serverless.json, with positions', async () => {
    const loaded = await loadServiceConfig({ serviceDir: fixture('json') });
    expect(loaded.fileName).toBe('serverless.json');
    expect(loaded.configuration.functions).toEqual({ hello: { handler: 'handler.hello' } });
    expect(loaded.locate(['functions', 'hello', 'handler'])).toEqual({ file: 'serverless.json', line: 5, column: 16 });
  });

  test('serverless.js exporting a promise: awaited, and turned into plain data', async () => {
    const loaded = await loadServiceConfig({ serviceDir: fixture('js') });
    expect(loaded.fileName).toBe('serverless.js');
    expect(loaded.configuration).toEqual({ service: 'js-service', provider: { name: 'aws' }, custom: { when: '1970-01-01T00:00:00.000Z' } });
    expect(loaded.locate(['provider', 'name'])).toEqual({ file: 'serverless.js' });
  });

  test('serverless.cjs: undefined values dropped', async () => {
    const loaded = await loadServiceConfig({ serviceDir: fixture('cjs') });
    expect(loaded.configuration).toEqual({ service: 'cjs-service', provider: { name: 'aws' }, custom: { kept: 1 } });
  });

  test('a relative serviceDir is made absolute', async () => {
    const loaded = await loadServiceConfig({ serviceDir: path.relative(process.cwd(), fixture('yaml')) });
    expect(loaded.serviceDir).toBe(fixture('yaml'));
    expect(loaded.filePath).toBe(path.join(fixture('yaml'), 'serverless.yaml'));
  });
});

describe('formats in a plain Node process (ESM and TypeScript need real `import()`, which jest sandboxes)', () => {
  type ChildResult = { fileName?: string; configuration?: Record<string, unknown>; location?: unknown; error?: string; message?: string };
  let results: Record<string, ChildResult>;
  let invalidMjsDir: string;
  let throwingTsDir: string;

  beforeAll(async () => {
    invalidMjsDir = serviceWith({ 'serverless.mjs': "export const service = 'named-only';\n" });
    throwingTsDir = serviceWith({ 'serverless.ts': "const fail = (): never => { throw new Error('ts config failed'); };\nexport default fail();\n" });
    const dirs = ['yml', 'yaml', 'json', 'js', 'cjs', 'mjs', 'ts', 'precedence-yml', 'precedence-script'].map(fixture);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(fixtures, 'load-in-child.cjs'), ...dirs, invalidMjsDir, throwingTsDir], { cwd: fixtures });
    results = JSON.parse(stdout) as Record<string, ChildResult>;
  }, 30_000);

  test.each([
    ['yml', 'serverless.yml', 'yml-service'],
    ['yaml', 'serverless.yaml', 'yaml-service'],
    ['json', 'serverless.json', 'json-service'],
    ['js', 'serverless.js', 'js-service'],
    ['cjs', 'serverless.cjs', 'cjs-service'],
    ['mjs', 'serverless.mjs', 'mjs-service'],
    ['ts', 'serverless.ts', 'ts-service'],
  ])('%s', (dir, fileName, service) => {
    const result = results[fixture(dir)];
    expect(result).toMatchObject({ fileName, configuration: { service, provider: { name: 'aws' } } });
  });

  test('serverless.mjs and serverless.ts keep their values (TypeScript is transpiled)', () => {
    expect(results[fixture('mjs')]?.configuration).toEqual({ service: 'mjs-service', provider: { name: 'aws', runtime: 'nodejs20.x' } });
    expect(results[fixture('ts')]?.configuration).toEqual({ service: 'ts-service', provider: { name: 'aws', memorySize: 256 } });
    expect(results[fixture('ts')]?.location).toEqual({ file: 'serverless.ts' });
  });

  test('precedence: yml before yaml, json and js; cjs before mjs and ts', () => {
    expect(results[fixture('precedence-yml')]).toMatchObject({ fileName: 'serverless.yml', configuration: { service: 'from-yml' } });
    expect(results[fixture('precedence-script')]).toMatchObject({ fileName: 'serverless.cjs', configuration: { service: 'from-cjs' } });
  });

  test('an ES module without a default export is an invalid export', () => {
    expect(results[invalidMjsDir]).toMatchObject({ error: 'CONFIG_INVALID_EXPORT' });
    expect(results[invalidMjsDir]?.message).toContain('"serverless.mjs" exports nothing (undefined)');
  });

  test('a TypeScript config that throws is a load error naming the file', () => {
    expect(results[throwingTsDir]).toEqual({ error: 'CONFIG_LOAD_ERROR', message: 'Cannot load "serverless.ts": ts config failed' });
  });
});

describe('which file', () => {
  test('precedence follows v3: yml, yaml, json, js, cjs, mjs, ts', async () => {
    expect((await loadServiceConfig({ serviceDir: fixture('precedence-yml') })).configuration.service).toBe('from-yml');
    const dir = serviceWith({
      'serverless.yaml': 'service: from-yaml\nprovider: aws\n',
      'serverless.json': '{ "service": "from-json", "provider": "aws" }',
    });
    expect((await loadServiceConfig({ serviceDir: dir })).fileName).toBe('serverless.yaml');
    const jsOverCjs = serviceWith({
      'serverless.js': "module.exports = { service: 'from-js', provider: 'aws' };",
      'serverless.cjs': "module.exports = { service: 'from-cjs', provider: 'aws' };",
    });
    expect((await loadServiceConfig({ serviceDir: jsOverCjs })).fileName).toBe('serverless.js');
  });

  test('a directory named like a config file is skipped', async () => {
    const dir = serviceWith({ 'serverless.json': '{ "service": "from-json", "provider": "aws" }' });
    mkdirSync(path.join(dir, 'serverless.yml'));
    expect((await loadServiceConfig({ serviceDir: dir })).fileName).toBe('serverless.json');
  });

  test('--config picks another file in the service directory', async () => {
    const loaded = await loadServiceConfig({ serviceDir: fixture('custom-config'), configPath: 'serverless.prod.yml' });
    expect(loaded.fileName).toBe('serverless.prod.yml');
    expect(loaded.configuration.service).toBe('prod-file');
    expect(loaded.locate(['service'])).toEqual({ file: 'serverless.prod.yml', line: 1, column: 1 });
  });

  test('--config may be an absolute path inside the service directory', async () => {
    const filePath = path.join(fixture('custom-config'), 'serverless.prod.yml');
    expect((await loadServiceConfig({ serviceDir: fixture('custom-config'), configPath: filePath })).filePath).toBe(filePath);
  });

  test('--config pointing into a subdirectory is rejected (v3 NESTED_CUSTOM_CONFIGURATION_PATH)', async () => {
    const error = await loadFailure(fixture('custom-config'), 'nested/serverless.yml');
    expect(error.code).toBe('CONFIG_NESTED_PATH');
    expect(error.message).toContain('--config "nested/serverless.yml" is not directly inside the service directory');
    expect(error.hint).toContain('--config serverless.yml');
  });

  test('--config pointing outside the service directory is rejected', async () => {
    expect((await loadFailure(fixture('custom-config'), '../yml/serverless.yml')).code).toBe('CONFIG_NESTED_PATH');
  });

  test('--config with an unsupported extension is rejected, listing the supported ones', async () => {
    const error = await loadFailure(fixture('custom-config'), 'serverless.toml');
    expect(error.code).toBe('CONFIG_UNSUPPORTED_EXTENSION');
    expect(error.message).toContain('unsupported extension ".toml"');
    expect(error.hint).toBe('Use a file ending in .yml, .yaml, .json, .js, .cjs, .mjs, .ts.');
  });

  test('--config naming a missing file', async () => {
    const error = await loadFailure(fixture('custom-config'), 'serverless.staging.yml');
    expect(error.code).toBe('CONFIG_FILE_NOT_FOUND');
    expect(error.message).toContain('"serverless.staging.yml": no such file in');
  });

  test('no configuration file: lists every name looked for', async () => {
    const error = await loadFailure(serviceWith({ 'README.md': '# not a service' }));
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain('Looked for: serverless.yml, serverless.yaml, serverless.json, serverless.js, serverless.cjs, serverless.mjs, serverless.ts.');
    expect(error.hint).toContain('--config');
  });

  test('a service directory that does not exist', async () => {
    const error = await loadFailure(path.join(tmpdir(), 'stratus-no-such-dir-0f9a'));
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain('Cannot read the service directory');
  });
});

describe('content errors', () => {
  test('YAML syntax error with file:line:column', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': 'service: x\nprovider:\n  name: aws\n   runtime: node\n' }));
    expect(error.code).toBe('CONFIG_PARSE_ERROR');
    expect(error.message).toMatch(/^Cannot parse "serverless\.yml": serverless\.yml:3:9 Nested mappings are not allowed in compact mappings\n/);
  });

  test('JSON is parsed strictly: an empty value YAML would accept is an error, located', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.json': '{ "service": "x",\n  "provider": }' }));
    expect(error.code).toBe('CONFIG_PARSE_ERROR');
    expect(error.message).toMatch(/^Cannot parse "serverless\.json": serverless\.json:2:\d+ Unexpected token/);
    expect(error.hint).toContain('JSON syntax');
  });

  test('a JSON trailing comma is located from the offset V8 reports', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.json': '{\n  "service": "x",\n  "provider": "aws",\n}' }));
    expect(error.message).toBe('Cannot parse "serverless.json": serverless.json:4:1 Expected double-quoted property name');
  });

  test('JSON duplicate keys: the last wins, as JSON.parse says, and positions still work', async () => {
    const loaded = await loadServiceConfig({ serviceDir: serviceWith({ 'serverless.json': '{\n  "service": "a",\n  "service": "b",\n  "provider": "aws"\n}' }) });
    expect(loaded.configuration.service).toBe('b');
    expect(loaded.locate(['provider'])).toEqual({ file: 'serverless.json', line: 4, column: 3 });
  });

  test.each([
    ['an empty file', '', 'but it is empty'],
    ['a list', '- a\n- b\n', 'but it holds a list'],
    ['a scalar', 'just text\n', 'but it holds a single string'],
  ])('%s is not a configuration', async (_label, content, expected) => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': content }));
    expect(error.code).toBe('CONFIG_NOT_AN_OBJECT');
    expect(error.message).toContain(expected);
  });

  test('missing service', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': 'provider: aws\n' }));
    expect(error.code).toBe('CONFIG_MISSING_SERVICE');
    expect(error.message).toBe('"serverless.yml" has no "service" property.');
    expect(error.hint).toContain('service: my-service');
  });

  test('service in the object form is rejected with its position', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': 'provider: aws\nservice:\n  name: x\n' }));
    expect(error.code).toBe('CONFIG_INVALID_SERVICE');
    expect(error.message).toContain('serverless.yml:2:1 "service" must be a non-empty string');
    expect(error.message).toContain('object form');
  });

  test('service that is not a string', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': 'service: 42\nprovider: aws\n' }));
    expect(error.code).toBe('CONFIG_INVALID_SERVICE');
    expect(error.message).toContain('found 42');
  });

  test('missing provider (v3 requires it)', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': 'service: x\n' }));
    expect(error.code).toBe('CONFIG_MISSING_PROVIDER');
    expect(error.message).toBe('"serverless.yml" has no "provider" property.');
  });

  test('provider without a name', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': 'service: x\nprovider:\n  runtime: nodejs20.x\n' }));
    expect(error.code).toBe('CONFIG_INVALID_PROVIDER');
    expect(error.message).toContain('serverless.yml:2:1 "provider.name" must be a non-empty string, but it is missing');
  });

  test('provider that is a list', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.yml': 'service: x\nprovider: [aws]\n' }));
    expect(error.code).toBe('CONFIG_INVALID_PROVIDER');
  });

  test('a provider given by a variable is left for the variables engine', async () => {
    const loaded = await loadServiceConfig({ serviceDir: serviceWith({ 'serverless.yml': 'service: x\nprovider: ${file(./provider.yml)}\n' }) });
    expect(loaded.configuration.provider).toBe('${file(./provider.yml)}');
  });

  test('JS exporting a function', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.js': "module.exports = () => ({ service: 'x', provider: 'aws' });" }));
    expect(error.code).toBe('CONFIG_INVALID_EXPORT');
    expect(error.message).toBe('"serverless.js" exports a function; it must export the configuration object (or a promise of one).');
  });

  test('JS exporting a promise of something else', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.cjs': 'module.exports = Promise.resolve([1]);' }));
    expect(error.code).toBe('CONFIG_INVALID_EXPORT');
    expect(error.message).toContain('"serverless.cjs" exports an array');
  });

  test('JS exporting a class instance', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.js': 'class Config {}\nmodule.exports = new Config();' }));
    expect(error.message).toContain('exports an instance of Config');
  });

  test('JS that throws while loading names the file and keeps the cause', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.js': "throw new Error('boom in config');" }));
    expect(error.code).toBe('CONFIG_LOAD_ERROR');
    expect(error.message).toBe('Cannot load "serverless.js": boom in config');
    expect((error.cause as Error).message).toBe('boom in config');
    expect(error.hint).toContain('node serverless.js');
  });

  test('JS exporting a cyclic object', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.js': "const c = { service: 'x', provider: 'aws' }; c.self = c; module.exports = c;" }));
    expect(error.code).toBe('CONFIG_INVALID_STRUCTURE');
    expect(error.message).toContain('"serverless.js"');
  });

  test('JS configuration is checked for service and provider too', async () => {
    const error = await loadFailure(serviceWith({ 'serverless.js': "module.exports = { service: 'x' };" }));
    expect(error.code).toBe('CONFIG_MISSING_PROVIDER');
    expect(error.message).toBe('"serverless.js" has no "provider" property.');
  });
});
