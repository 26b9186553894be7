import type { OptionDefinition } from '../lifecycle/command-definition';
import { GLOBAL_OPTIONS } from '../lifecycle/command-definition';
import { parseCommandOptions, parseOptionsLoosely, splitArgv } from './parse-argv';

const definitions: Record<string, OptionDefinition> = {
  ...GLOBAL_OPTIONS,
  function: { shortcut: 'f', type: 'string', required: true },
  env: { shortcut: 'e', type: 'multiple' },
  raw: { type: 'boolean' },
  format: { type: 'string', default: 'yaml' },
};

test('command words are the leading non-option tokens', () => {
  expect(splitArgv(['deploy', 'function', '-f', 'x'])).toEqual({ commands: ['deploy', 'function'], rest: ['-f', 'x'] });
  expect(splitArgv(['--help'])).toEqual({ commands: [], rest: ['--help'] });
});

test('long, short, inline, boolean, negated and multiple options', () => {
  const into: Record<string, unknown> = {};
  parseCommandOptions(['-f', 'hello', '--stage=prod', '-e', 'A=1', '--env', 'B=2', '--raw', '--no-verbose', '-r', 'eu-west-1'], definitions, 'invoke local', into);
  expect(into).toEqual({ function: 'hello', stage: 'prod', env: ['A=1', 'B=2'], raw: true, verbose: false, region: 'eu-west-1', format: 'yaml' });
});

test('the options object is filled in place, keeping its identity', () => {
  const into: Record<string, unknown> = { stale: true };
  const same = into;
  parseCommandOptions(['-f', 'x'], definitions, 'x', into);
  expect(into).toBe(same);
  expect(into.stale).toBeUndefined();
});

test('unknown options fail with a suggestion', () => {
  expect(() => parseCommandOptions(['-f', 'x', '--functoin', 'y'], definitions, 'invoke local', {})).toThrow('Did you mean "--function"?');
});

test('missing required options and values fail clearly', () => {
  expect(() => parseCommandOptions([], definitions, 'invoke local', {})).toThrow('needs the option --function (-f)');
  expect(() => parseCommandOptions(['-f', 'x', '--stage'], definitions, 'invoke local', {})).toThrow('--stage of "stratus invoke local" needs a value');
});

test('stray positional arguments are refused', () => {
  expect(() => parseCommandOptions(['-f', 'x', '--raw', 'extra'], definitions, 'invoke local', {})).toThrow(/does not take the argument "extra"/);
});

test('loose parsing before plugins load never fails and guesses values', () => {
  expect(parseOptionsLoosely(['--stage', 'prod', '--custom-flag', '--other', 'v', '-c', 'serverless.prod.yml'], GLOBAL_OPTIONS)).toEqual({
    stage: 'prod',
    'custom-flag': true,
    other: 'v',
    config: 'serverless.prod.yml',
  });
  expect(parseOptionsLoosely(['--debug'], GLOBAL_OPTIONS)).toEqual({ debug: true });
});
