import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlWithLocations } from '../config/parse-yaml';
import type { LocateProperty } from '../config/locate';
import { awsSchema } from './__fixtures__/aws-like-schema';
import { useTempCacheDir } from './__fixtures__/temp-cache-dir';
import { ajvErrorsToProblems } from './ajv-errors-to-problems';
import { loadValidator } from './cached-validator';
import { compileSchema } from './compile-schema';
import { ConfigSchemaHandler } from './config-schema-handler';
import { hideNulls } from './hide-nulls';
import type { JsonSchema } from './json-schema';
import { validateConfiguration, type ConfigValidationMode } from './validate-config';

// Counts compilations. Whether ajv is loaded at all, and V8's code cache: cold-process.test.ts.
jest.mock('./compile-schema', () => {
  const actual = jest.requireActual('./compile-schema');
  return { ...actual, compileSchema: jest.fn(actual.compileSchema) };
});
const compileCalls = () => jest.mocked(compileSchema).mock.calls.length;

const cacheDir = useTempCacheDir('each');
const validatorsDir = () => join(cacheDir(), 'schema-validators');
/** The validators' code files (each may have a V8 code cache beside it). */
const cacheFiles = () => readdirSync(validatorsDir()).filter((name) => name.endsWith('.js'));
const allFiles = () => readdirSync(validatorsDir());
/** A cache file with a valid checksum around `payload`. */
const checked = (payload: string) => `stratus-cache sha256=${sha256(payload)}\n${payload}`;

const base = ['service: my-service', 'provider:', '  name: aws'];
const parse = (lines: string[]) => {
  const { value, locate } = parseYamlWithLocations(lines.join('\n'), 'serverless.yml');
  return { configuration: value as Record<string, unknown>, locate };
};

function validate(lines: string[], schema: JsonSchema = awsSchema(), mode: ConfigValidationMode = 'warn') {
  const { configuration, locate } = parse(lines);
  const problems = validateConfiguration({ configuration, schema, mode, fileName: 'serverless.yml', locate });
  return { configuration, problems, schema };
}

/** validateConfiguration as it was before the cache: ajv compiles, validates once, errors mapped. */
function validateWithoutCache(lines: string[], schema: JsonSchema, mode: ConfigValidationMode) {
  const { configuration, locate } = parse(lines);
  const compiled = jest.requireActual<typeof import('./compile-schema')>('./compile-schema').compileSchema(schema);
  const restore = hideNulls(configuration);
  compiled(configuration);
  restore();
  const problems = mode === 'off' || !compiled.errors ? [] : ajvErrorsToProblems(compiled.errors, schema, locate as LocateProperty);
  return { configuration, problems };
}

const validConfig = [...base, "  memorySize: '512'", 'functions:', '  a:', '    handler: h', '    layers: arn:aws:lambda:layer', '    events:', '      - http: GET /users'];

describe('the validator cache', () => {
  test('a miss compiles and writes one cache file; the same schema again uses it without compiling', () => {
    const before = compileCalls();
    const first = validate(validConfig);
    expect(compileCalls()).toBe(before + 1);
    expect(loadValidator(first.schema).detailed).toBe(true);
    expect(cacheFiles()).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.js$/)]);

    // A new, equal schema object: what the next CLI run builds.
    const second = validate(validConfig);
    expect(compileCalls()).toBe(before + 1);
    expect(loadValidator(second.schema).detailed).toBe(false);
    expect(second.problems).toEqual([]);
    expect(second.configuration).toEqual(first.configuration);
    expect((second.configuration.provider as { memorySize: unknown }).memorySize).toBe(512);
  });

  test('a different schema gets its own file', () => {
    validate([...base]);
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('p').defineTopLevelProperty('extra', { type: 'string' });
    validate([...base], handler.schema);
    expect(cacheFiles()).toHaveLength(2);
  });

  test('an invalid configuration on a hit loads ajv for the detailed problems', () => {
    validate(validConfig);
    const { problems, schema } = validate([...base, '  memorySiz: 1']);
    expect(loadValidator(schema).detailed).toBe(false);
    expect(problems.map((problem) => problem.message)).toEqual(["unrecognized property 'memorySiz'"]);
  });

  test.each([
    ['garbage', () => 'not a validator'],
    ['a wrong checksum', (text: string) => text.replace(/\n[\s\S]{10}/, '\n//////////')],
    ['truncated code', (text: string) => text.slice(0, text.length / 2)],
    ['code that does not parse', () => checked('module.exports = function (')],
    ['code that throws', () => checked('throw new Error("x")')],
    ['code that exports no function', () => checked('module.exports = 1')],
    ['code that requires an unknown module', () => checked('module.exports = require("ajv/dist/runtime/nope")')],
  ])('a cache file with %s is ignored and rewritten', (_name, corrupt) => {
    validate(validConfig);
    const [name] = cacheFiles();
    const file = join(validatorsDir(), name!);
    writeFileSync(file, corrupt(readFileSync(file, 'utf8')));

    const before = compileCalls();
    const { problems, configuration } = validate(validConfig);
    expect(compileCalls()).toBe(before + 1);
    expect(problems).toEqual([]);
    expect((configuration.provider as { memorySize: unknown }).memorySize).toBe(512);
    // Rewritten (ajv numbers its functions per process, so not byte for byte), and used next time.
    expect(readFileSync(file, 'utf8')).toMatch(/^stratus-cache sha256=[0-9a-f]{64}\n"use strict";/);
    expect(allFiles().filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
    validate(validConfig);
    expect(compileCalls()).toBe(before + 1);
  });

  test('a cache directory that cannot be created falls back to compiling in memory, every time', () => {
    writeFileSync(join(cacheDir(), 'a-file'), '');
    process.env.STRATUS_CACHE_DIR = join(cacheDir(), 'a-file', 'cache');
    const before = compileCalls();
    for (let run = 0; run < 2; run += 1) {
      const { problems, configuration } = validate([...base, '  memorySiz: 1', "  memorySize: '512'"]);
      expect(problems.map((problem) => problem.path)).toEqual(['provider.memorySiz']);
      expect((configuration.provider as { memorySize: unknown }).memorySize).toBe(512);
    }
    expect(compileCalls()).toBe(before + 2);
  });

  test('a cache file that cannot be written falls back too, leaving no temporary file', () => {
    validate(validConfig);
    const [name] = cacheFiles();
    // A directory in the file's place: reading fails, and so does the rename over it (even for root).
    rmSync(join(validatorsDir(), name!));
    mkdirSync(join(validatorsDir(), name!, 'occupied'), { recursive: true });
    const before = compileCalls();
    const { problems } = validate(validConfig);
    expect(compileCalls()).toBe(before + 1);
    expect(problems).toEqual([]);
    expect(allFiles()).toEqual([name]);
  });
});

describe('the same problems and coercion as without the cache', () => {
  const enumAfterCoercionSchema = () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    // ajv checks the enum against { a: '1' } before `properties` coerces it to { a: 1 }:
    // validating the coerced data again would report an enum problem a single run does not.
    handler.forOwner('p').defineTopLevelProperty('pinned', { type: 'object', properties: { a: { type: 'integer' } }, enum: [{ a: '1' }] });
    handler.forOwner('provider-aws').defineProvider('aws', { provider: { properties: { memorySize: { type: 'integer' } } } });
    return handler.schema;
  };

  const cases: Array<[string, string[], () => JsonSchema]> = [
    ['valid, with coercion', validConfig, awsSchema],
    ['nulls', [...base, '  memorySize:', '  timeout: 6', 'functions:', '  a:', '    handler: h', '    events:'], awsSchema],
    ['invalid, with coercion', [...base, '  memorySiz: 1', "  memorySize: '256'", 'plugins: one', 'functions:', '  a:', '    handler: h', "    timeout: '30'", '    events:', '      - htp: {}'], awsSchema],
    [
      'many event problems',
      [...base, 'functions:', '  hello:', '    handler: h', '    events:', '      - http:', '          path: /x', '          method: gett', '          corss: true', '      - schedule: rate(often)', '      - sqs:', '          arn: not-an-arn', '      - http: PATCH /x'],
      awsSchema,
    ],
    ['coercion that a second run would judge differently', [...base, '  memorySiz: 1', 'pinned:', "  a: '1'"], enumAfterCoercionSchema],
  ];

  test.each(cases)('%s', (_name, lines, schema) => {
    for (const mode of ['warn', 'off'] as const) {
      rmSync(validatorsDir(), { recursive: true, force: true });
      const reference = validateWithoutCache(lines, schema(), mode);
      const miss = validate(lines, schema(), mode);
      const hit = validate(lines, schema(), mode);
      expect(loadValidator(miss.schema).detailed).toBe(true);
      expect(loadValidator(hit.schema).detailed).toBe(false);
      for (const result of [miss, hit]) {
        expect(result.problems).toEqual(reference.problems);
        expect(JSON.stringify(result.configuration)).toBe(JSON.stringify(reference.configuration));
      }
    }
  });

  test('(the enum case does differ when the coerced data is validated again)', () => {
    const { configuration, problems } = validate([...base, 'pinned:', "  a: '1'"], enumAfterCoercionSchema());
    expect(problems).toEqual([]);
    const again = compileSchema(enumAfterCoercionSchema());
    expect(again(configuration)).toBe(false);
    expect(again.errors?.map((error) => error.keyword)).toEqual(['enum']);
  });
});

describe('standalone code', () => {
  const regexpSchema = () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('p').defineTopLevelProperty('route', { type: 'string', regexp: '/^(get|post) \\//i' });
    return handler.schema;
  };

  test('the regexp keyword, with its flags, works from the cache', () => {
    validate([...base], regexpSchema());
    const code = readFileSync(join(validatorsDir(), cacheFiles()[0]!), 'utf8');
    expect(code).toContain('new RegExp("^(get|post) \\\\/", "i")');

    const before = compileCalls();
    const ok = validate([...base, 'route: GET /users'], regexpSchema());
    expect(ok.problems).toEqual([]);
    expect(compileCalls()).toBe(before); // the cached code alone accepted it

    const bad = validate([...base, 'route: PATCH /users'], regexpSchema());
    expect(loadValidator(bad.schema).detailed).toBe(false);
    expect(bad.problems.map((problem) => problem.message)).toEqual(["value 'PATCH /users' does not satisfy pattern /^(get|post) \\//i"]);
  });

  test("validators that need ajv's runtime helpers load them from this package", () => {
    const schema = () => {
      const handler = new ConfigSchemaHandler({ providerName: 'aws' });
      // minLength needs ucs2length; uniqueItems of objects and an object enum need equal.
      handler.forOwner('p').defineTopLevelProperty('x', {
        type: 'object',
        properties: { name: { type: 'string', minLength: 2 }, list: { type: 'array', uniqueItems: true }, mode: { enum: [{ a: 1 }, 'b'] } },
      });
      return handler.schema;
    };
    validate([...base], schema());
    const code = readFileSync(join(validatorsDir(), cacheFiles()[0]!), 'utf8');
    expect(code).toContain('require("ajv/dist/runtime/ucs2length")');
    expect(code).toContain('require("ajv/dist/runtime/equal")');

    const before = compileCalls();
    expect(validate([...base, 'x:', '  name: ab', '  list: [{ a: 1 }, { a: 2 }]', '  mode: { a: 1 }'], schema()).problems).toEqual([]);
    expect(compileCalls()).toBe(before);
    const bad = validate([...base, 'x:', '  name: a', '  list: [{ a: 1 }, { a: 1 }]', '  mode: { a: 2 }'], schema());
    expect(loadValidator(bad.schema).detailed).toBe(false);
    expect(bad.problems.map((problem) => problem.message)).toEqual([
      'must NOT have fewer than 2 characters',
      'must NOT have duplicate items (items ## 0 and 1 are identical)',
      'must be equal to one of the allowed values [[object Object], b]',
    ]);
  });
});

function sha256(text: string): string {
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(text).digest('hex');
}
