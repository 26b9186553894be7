import { parseYamlWithLocations } from '../config/parse-yaml';
import { isStratusError, type StratusError } from '../errors/stratus-error';
import { compileSchema } from './compile-schema';
import { formatProblems, type ConfigProblem } from './config-problem';
import { awsSchema } from './__fixtures__/aws-like-schema';
import { useTempCacheDir } from './__fixtures__/temp-cache-dir';
import { ConfigSchemaHandler } from './config-schema-handler';
import type { JsonSchema } from './json-schema';
import { validateConfiguration, type ConfigValidationMode } from './validate-config';

// One cache for the file: the first test compiles the AWS-like schema, later ones use the cached validator.
useTempCacheDir('all');

function check(yamlLines: string[], options: { schema?: JsonSchema; mode?: ConfigValidationMode } = {}) {
  const { value, locate } = parseYamlWithLocations(yamlLines.join('\n'), 'serverless.yml');
  const configuration = value as Record<string, unknown>;
  const problems = validateConfiguration({ configuration, schema: options.schema ?? awsSchema(), mode: options.mode ?? 'warn', fileName: 'serverless.yml', locate });
  return { configuration, problems };
}

const brief = (problems: ConfigProblem[]) => problems.map((p) => `${p.location.line}:${p.location.column} ${p.path}: ${p.message}${p.suggestion ? ` (${p.suggestion})` : ''}`);

const base = ['service: my-service', 'provider:', '  name: aws'];

describe('problems, located', () => {
  test('a misspelt provider key: unrecognized property with the closest key, at the key', () => {
    const { problems } = check([...base, '  memorySiz: 512']);
    expect(problems).toEqual([
      { path: 'provider.memorySiz', message: "unrecognized property 'memorySiz'", location: { file: 'serverless.yml', line: 4, column: 3 }, suggestion: 'memorySize' },
    ]);
  });

  test('an unknown root key, with and without a close match', () => {
    const { problems } = check([...base, 'functoins: {}', 'zzzzzz: 1']);
    expect(brief(problems)).toEqual([
      "4:1 functoins: unrecognized property 'functoins' (functions)",
      "5:1 zzzzzz: unrecognized property 'zzzzzz'",
    ]);
  });

  test('type, range, enum and pattern messages in v3 wording', () => {
    const { problems } = check([
      'service: 1bad-name', // 1
      'provider:', // 2
      '  name: aws', // 3
      '  runtime: nodejs8.10', // 4
      '  memorySize: lots', // 5
      'functions:', // 6
      '  hello:', // 7
      '    handler: h.main', // 8
      '    timeout: 901', // 9
    ]);
    expect(brief(problems)).toEqual([
      '1:1 service: must match pattern "^[a-zA-Z][0-9a-zA-Z-]+$"',
      '4:3 provider.runtime: must be equal to one of the allowed values [nodejs18.x, nodejs20.x]',
      '5:3 provider.memorySize: must be integer',
      '9:5 functions.hello.timeout: must be <= 900',
    ]);
  });

  test('stage pattern and function name pattern', () => {
    const { problems } = check([...base, '  stage: dev_1', 'functions:', '  my.fn:', '    handler: h']);
    expect(brief(problems)).toEqual(['4:3 provider.stage: must match pattern "^[a-zA-Z0-9-]+$"', "6:3 functions.my.fn: unrecognized property 'my.fn'"]);
  });

  test('an event matching no event type is one "unsupported function event", at the item, with the closest event name', () => {
    const { problems } = check([...base, 'functions:', '  hello:', '    handler: h', '    events:', '      - htpp:', '          path: /x', '          method: get']);
    expect(brief(problems)).toEqual(['8:9 functions.hello.events.0: unsupported function event (http)']);
  });

  test('a string event item is unsupported too', () => {
    const { problems } = check([...base, 'functions:', '  hello:', '    handler: h', '    events:', '      - schedul']);
    expect(brief(problems)).toEqual(['8:9 functions.hello.events.0: unsupported function event (schedule)']);
  });

  test('a known event with a bad property reports that property, not the other event types', () => {
    const { problems } = check([
      ...base,
      'functions:', // 4
      '  hello:', // 5
      '    handler: h', // 6
      '    events:', // 7
      '      - http:', // 8
      '          path: /x', // 9
      '          method: gett', // 10
      '          corss: true', // 11
      '      - schedule: rate(often)', // 12
      '      - http:', // 13
      '          path: /missing-method', // 14
    ]);
    expect(brief(problems)).toEqual([
      '10:11 functions.hello.events.0.http.method: must be equal to one of the allowed values [get, post]',
      "11:11 functions.hello.events.0.http.corss: unrecognized property 'corss' (cors)",
      '12:9 functions.hello.events.1.schedule: must match pattern "^rate\\(\\d+ minutes?\\)$"',
      "13:9 functions.hello.events.2.http: must have required property 'method'",
    ]);
  });

  test('an extra key next to a known event is reported as unrecognized, not as an unsupported event', () => {
    const { problems } = check([...base, 'functions:', '  hello:', '    handler: h', '    events:', '      - sqs: arn:aws:sqs:x', '        batchSize: 10']);
    expect(brief(problems)).toEqual(["9:9 functions.hello.events.0.batchSize: unrecognized property 'batchSize'"]);
  });

  test('errors inside shared $ref definitions are attributed to the right event', () => {
    const { problems } = check([
      ...base,
      'functions:',
      '  hello:',
      '    handler: h',
      '    events:',
      '      - sqs:', // 8
      '          arn: not-an-arn', // 9
      '      - sns:', // 10
      '          arn: { Reff: x }', // 11
    ]);
    expect(brief(problems)).toEqual([
      '9:11 functions.hello.events.0.sqs.arn: must match pattern "^arn:"',
      "11:18 functions.hello.events.1.sns.arn.Reff: unrecognized property 'Reff' (Ref)",
    ]);
  });

  test('a value that fits no form of a non-event anyOf is an unsupported configuration format', () => {
    const { problems } = check([...base, 'plugins: 5', 'console: some-text']);
    expect(brief(problems)).toEqual(['5:1 console: unsupported configuration format']);
  });

  test('the custom regexp keyword (with flags), in v3 wording', () => {
    const ok = check([...base, 'functions:', '  a:', '    handler: h', '    events:', '      - http: GET /users']);
    expect(ok.problems).toEqual([]);
    const { problems } = check([...base, 'functions:', '  a:', '    handler: h', '    events:', '      - http: PATCH /users']);
    expect(brief(problems)).toEqual(["8:9 functions.a.events.0.http: value 'PATCH /users' does not satisfy pattern /^(get|post) \\//i"]);
  });

  test('duplicates are removed', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    const closed = (extra: string): JsonSchema => ({ type: 'object', properties: { a: { type: 'string' }, [extra]: {} }, additionalProperties: false });
    handler.forOwner('p').defineTopLevelProperty('twice', { anyOf: [closed('b'), closed('c')] });
    const { problems } = check([...base, 'twice:', '  a: x', '  zzzzzz: 1'], { schema: handler.schema });
    expect(brief(problems)).toEqual(["6:3 twice.zzzzzz: unrecognized property 'zzzzzz'"]);
  });

  test('JS/TS configs have no positions: problems point at the file', () => {
    const configuration = { service: 'xy', provider: { name: 'aws', memorySize: 'big' } };
    const problems = validateConfiguration({ configuration, schema: awsSchema(), mode: 'warn', fileName: 'serverless.ts', locate: () => ({ file: 'serverless.ts' }) });
    expect(formatProblems(problems, 'serverless.ts')).toBe("serverless.ts  at 'provider.memorySize': must be integer");
  });
});

describe('core schema rules', () => {
  test('relaxed provider and functions before defineProvider', () => {
    const { problems } = check([...base, '  anything: 1', 'functions:', '  a:', '    handler: h', '    whatever: true', '    events:', '      - anyEvent: {}'], {
      schema: new ConfigSchemaHandler({ providerName: 'aws' }).schema,
    });
    expect(problems).toEqual([]);
  });

  test('plugins: a list, { modules, localPath }, or a single name (coerced to a list)', () => {
    const schema = new ConfigSchemaHandler({ providerName: 'aws' }).schema;
    expect(check([...base, 'plugins: [a, b]'], { schema }).problems).toEqual([]);
    expect(check([...base, 'plugins:', '  modules: [a]', '  localPath: ./p'], { schema }).problems).toEqual([]);
    expect(check([...base, 'plugins: one'], { schema }).configuration.plugins).toEqual(['one']);
    expect(brief(check([...base, 'plugins:', '  modules: [a]', '  localPth: x'], { schema }).problems)).toEqual(["6:3 plugins.localPth: unrecognized property 'localPth' (localPath)"]);
  });

  test('package keys', () => {
    const { problems } = check([...base, 'package:', '  patterns: ["!node_modules/**"]', '  individually: true', '  incldue: [x]']);
    expect(brief(problems)).toEqual(["7:3 package.incldue: unrecognized property 'incldue' (include)"]);
  });

  test('configValidationMode values', () => {
    expect(brief(check([...base, 'configValidationMode: strict']).problems)).toEqual([
      '4:1 configValidationMode: must be equal to one of the allowed values [error, warn, off]',
    ]);
  });
});

describe('coercion and nulls', () => {
  test('types are coerced in place, as v3 does: numeric strings, scalars to arrays', () => {
    const { configuration, problems } = check([...base, "  memorySize: '512'", 'functions:', '  a:', '    handler: h', '    layers: arn:aws:lambda:layer', "    timeout: '30'"]);
    expect(problems).toEqual([]);
    expect(configuration.provider).toEqual({ name: 'aws', memorySize: 512 });
    expect(configuration.functions).toEqual({ a: { handler: 'h', layers: ['arn:aws:lambda:layer'], timeout: 30 } });
  });

  test('null values are not validated, and come back in their place', () => {
    const { configuration, problems } = check([...base, '  memorySize:', '  timeout: 6', 'functions:', '  a:', '    handler: h', '    events:']);
    expect(problems).toEqual([]);
    expect(configuration.provider).toEqual({ name: 'aws', memorySize: null, timeout: 6 });
    expect(Object.keys(configuration.provider as object)).toEqual(['name', 'memorySize', 'timeout']);
    expect(configuration.functions).toEqual({ a: { handler: 'h', events: null } });
  });

  test('nulls come back even when validation throws', () => {
    const configuration: Record<string, unknown> = { service: 'x', provider: { name: 'aws', memorySize: null, bad: 1 } };
    expect(() => validateConfiguration({ configuration, schema: awsSchema(), mode: 'error', fileName: 'serverless.yml', locate: () => ({ file: 'serverless.yml' }) })).toThrow();
    expect(configuration.provider).toEqual({ name: 'aws', memorySize: null, bad: 1 });
  });
});

describe('modes', () => {
  const invalid = [...base, '  memorySiz: 1', "  memorySize: '256'", 'functions:', '  a:', '    handler: h', '    events:', '      - htp: {}'];

  test('warn returns the problems', () => {
    expect(check(invalid, { mode: 'warn' }).problems).toHaveLength(2);
  });

  test('error throws all problems at once, with file positions and a hint', () => {
    let error: StratusError | undefined;
    try {
      check(invalid, { mode: 'error' });
    } catch (caught) {
      if (isStratusError(caught)) error = caught;
    }
    expect(error?.code).toBe('CONFIG_VALIDATION_ERROR');
    expect(error?.message).toBe(
      [
        'Invalid configuration in "serverless.yml":',
        "  serverless.yml:4:3  at 'provider.memorySiz': unrecognized property 'memorySiz' — did you mean 'memorySize'?",
        "  serverless.yml:10:9  at 'functions.a.events.0': unsupported function event — did you mean 'http'?",
      ].join('\n'),
    );
    expect(error?.hint).toContain('configValidationMode: warn');
  });

  test('error mode with a valid configuration returns nothing', () => {
    expect(check([...base], { mode: 'error' }).problems).toEqual([]);
  });

  test('off returns nothing but still coerces', () => {
    const { configuration, problems } = check(invalid, { mode: 'off' });
    expect(problems).toEqual([]);
    expect((configuration.provider as Record<string, unknown>).memorySize).toBe(256);
  });
});

describe('formatProblems', () => {
  test('one line per problem: position, path, message, suggestion', () => {
    const problems: ConfigProblem[] = [
      { path: 'provider.memorySiz', message: "unrecognized property 'memorySiz'", location: { file: 'serverless.yml', line: 12, column: 5 }, suggestion: 'memorySize' },
      { path: '', message: "must have required property 'service'", location: { file: '' } },
    ];
    expect(formatProblems(problems, 'serverless.yml')).toBe(
      [
        "serverless.yml:12:5  at 'provider.memorySiz': unrecognized property 'memorySiz' — did you mean 'memorySize'?",
        "serverless.yml  at the root: must have required property 'service'",
      ].join('\n'),
    );
  });
});

describe('schema compilation', () => {
  test('compiled once per schema object', () => {
    const schema = awsSchema();
    expect(compileSchema(schema)).toBe(compileSchema(schema));
  });

  test('a plugin schema ajv strict mode rejects is SCHEMA_INVALID, naming the plugin and the problem', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('serverless-sloppy').defineCustomProperties({ properties: { x: { type: 'string', maxLenght: 3 } as JsonSchema } });
    let error: StratusError | undefined;
    try {
      check([...base], { schema: handler.schema });
    } catch (caught) {
      if (isStratusError(caught)) error = caught;
    }
    expect(error?.code).toBe('SCHEMA_INVALID');
    expect(error?.message).toBe('The configuration schema is invalid (a fragment defined by "serverless-sloppy"): strict mode: unknown keyword: "maxLenght"');
    expect(error?.hint).toContain('"serverless-sloppy" registered a JSON schema');
  });

  test('an invalid regexp literal is SCHEMA_INVALID in every mode', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('plugin-re').defineTopLevelProperty('re', { type: 'string', regexp: 'no-slashes' });
    expect(() => check([...base], { schema: handler.schema, mode: 'off' })).toThrow(/SCHEMA_INVALID|regular expression literal/);
    try {
      check([...base], { schema: handler.schema, mode: 'off' });
    } catch (caught) {
      expect((caught as StratusError).code).toBe('SCHEMA_INVALID');
      expect((caught as StratusError).message).toContain('"plugin-re"');
    }
  });
});
