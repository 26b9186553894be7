import { isStratusError, type StratusError } from '../errors/stratus-error';
import { parseYaml, parseYamlWithLocations } from './parse-yaml';

function parseFailure(text: string, fileName = 'serverless.yml'): StratusError {
  try {
    parseYaml(text, fileName);
  } catch (error) {
    if (isStratusError(error)) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parseYaml', () => {
  test('parses CloudFormation short tags into their long form', () => {
    expect(parseYaml('a: !Ref Bucket\nb: !GetAtt Fn.Arn\n', 'serverless.yml')).toEqual({
      a: { Ref: 'Bucket' },
      b: { 'Fn::GetAtt': ['Fn', 'Arn'] },
    });
  });

  test('merges `<<: *anchor` keys, explicit keys winning (as js-yaml did for v3)', () => {
    const value = parseYaml('base: &base\n  memorySize: 128\n  timeout: 6\nfn:\n  <<: *base\n  timeout: 30\n', 'serverless.yml');
    expect(value).toEqual({ base: { memorySize: 128, timeout: 6 }, fn: { memorySize: 128, timeout: 30 } });
  });

  test('parses JSON, since JSON is YAML', () => {
    expect(parseYaml('{\n\t"service": "x",\n\t"list": [1, 2]\n}', 'serverless.json')).toEqual({ service: 'x', list: [1, 2] });
  });

  test('a syntax error names the file, line and column, and keeps the excerpt', () => {
    const error = parseFailure('service: x\nprovider:\n  name: aws\nbad: a: b\n');
    expect(error.code).toBe('CONFIG_PARSE_ERROR');
    expect(error.message).toMatch(/^Cannot parse "serverless\.yml": serverless\.yml:4:6 Nested mappings are not allowed/);
    expect(error.message).toContain('bad: a: b');
    expect(error.message).not.toMatch(/at line \d+, column/);
    expect(error.hint).toContain('serverless.yml:4:6');
  });

  test('a duplicated key is an error at the second occurrence', () => {
    const error = parseFailure('service: x\nprovider: aws\nservice: y\n');
    expect(error.message).toContain('serverless.yml:3:1 Map keys must be unique');
  });

  test('JSON errors say JSON in the hint', () => {
    const error = parseFailure('{ "service": "x", }}', 'serverless.json');
    expect(error.message).toMatch(/^Cannot parse "serverless\.json": serverless\.json:1:\d+ /);
    expect(error.hint).toMatch(/JSON syntax/);
  });

  test('an unknown tag is an error (not a silent string) with a suggestion', () => {
    const error = parseFailure('service: x\ncustom:\n  arn: !GetAtr Fn.Arn\n');
    expect(error.code).toBe('CONFIG_PARSE_ERROR');
    expect(error.message).toContain('serverless.yml:3:8 unknown tag !GetAtr. Did you mean "!GetAtt"?');
    expect(error.hint).toContain('!Ref');
  });

  test('several documents in one file are rejected', () => {
    expect(parseFailure('a: 1\n---\nb: 2\n').message).toContain('serverless.yml:2:1');
  });
});

describe('locate', () => {
  const text = [
    'service: my-service', // 1
    'provider:', // 2
    '  name: aws', // 3
    '  memorySize: 512', // 4
    'functions:', // 5
    '  hello:', // 6
    '    handler: handler.hello', // 7
    '    events:', // 8
    '      - http:', // 9
    '          path: /hello', // 10
    '      - schedule: rate(1 minute)', // 11
    'defaults: &defaults', // 12
    '  timeout: 6', // 13
    'other:', // 14
    '  <<: *defaults', // 15
    '  empty:', // 16
  ].join('\n');
  const { locate } = parseYamlWithLocations(text, 'serverless.yml');

  test('points at the key of a mapping entry (1-based line and column)', () => {
    expect(locate(['service'])).toEqual({ file: 'serverless.yml', line: 1, column: 1 });
    expect(locate(['provider', 'memorySize'])).toEqual({ file: 'serverless.yml', line: 4, column: 3 });
    expect(locate(['functions', 'hello', 'events', 0, 'http', 'path'])).toEqual({ file: 'serverless.yml', line: 10, column: 11 });
  });

  test('points at the item itself for sequence entries, by number or numeric string', () => {
    expect(locate(['functions', 'hello', 'events', 1])).toEqual({ file: 'serverless.yml', line: 11, column: 9 });
    expect(locate(['functions', 'hello', 'events', '1'])).toEqual({ file: 'serverless.yml', line: 11, column: 9 });
  });

  test('falls back to the closest ancestor written in the file', () => {
    expect(locate(['provider', 'runtime'])).toEqual({ file: 'serverless.yml', line: 2, column: 1 });
    expect(locate(['functions', 'hello', 'events', 7, 'http'])).toEqual({ file: 'serverless.yml', line: 8, column: 5 });
    expect(locate(['functions', 'hello', 'handler', 'deeper'])).toEqual({ file: 'serverless.yml', line: 7, column: 5 });
    expect(locate(['other', 'empty', 'x'])).toEqual({ file: 'serverless.yml', line: 16, column: 3 });
    expect(locate(['nowhere'])).toEqual({ file: 'serverless.yml', line: 1, column: 1 });
  });

  test('finds keys that come from a `<<` merge at the anchored mapping', () => {
    expect(locate(['other', 'timeout'])).toEqual({ file: 'serverless.yml', line: 13, column: 3 });
  });

  test('locates JSON properties too', () => {
    const json = parseYamlWithLocations('{\n  "service": "x",\n  "functions": {\n    "a": { "handler": "h" }\n  }\n}\n', 'serverless.json');
    expect(json.locate(['functions', 'a', 'handler'])).toEqual({ file: 'serverless.json', line: 4, column: 12 });
  });

  test('an empty document has no position', () => {
    expect(parseYamlWithLocations('', 'serverless.yml').locate(['service'])).toEqual({ file: 'serverless.yml' });
  });
});
