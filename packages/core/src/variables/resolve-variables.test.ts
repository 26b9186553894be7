import { StratusError } from '../errors/stratus-error';
import { FIXTURES_DIR, run, runError, type Config } from './__fixtures__/helpers';
import { containsVariables, createCoreVariableSources, resolveVariables, type VariableSource } from './index';

const ENV = { RV_SET: 'from-env', RV_EMPTY: '', RV_ONE: '1', RV_SELF: '${env:RV_SELF}' };

beforeEach(() => Object.assign(process.env, ENV));
afterEach(() => {
  for (const name of [...Object.keys(ENV), 'RV_UNSET']) delete process.env[name];
});

/** A source that counts its calls and answers from a table (undefined → pending). */
function tableSource(table: Record<string, unknown>, calls: string[] = []): VariableSource {
  return {
    resolve({ address }) {
      calls.push(address ?? '');
      const key = address ?? '';
      return key in table ? { value: table[key] } : { value: null, isPending: true };
    },
  };
}

function withSources(extra: Record<string, VariableSource>, core: { instanceId?: string; optionsComplete?: boolean } = {}) {
  const sources = createCoreVariableSources({ optionsComplete: true, ...core });
  for (const [name, source] of Object.entries(extra)) sources.set(name, source);
  return sources;
}

describe('values and types', () => {
  test('a whole-value variable keeps the type of its value', async () => {
    const config = await run({
      custom: {
        object: { a: 1 },
        list: [1, 'two'],
        number: 5,
        flag: false,
        nothing: null,
        copies: ['${self:custom.object}', '${self:custom.list}', '${self:custom.number}', '${self:custom.flag}', '${env:RV_UNSET, null}'],
      },
    });
    expect((config['custom'] as Config)['copies']).toEqual([{ a: 1 }, [1, 'two'], 5, false, null]);
  });

  test('interpolated variables are embedded as text (numbers and booleans converted)', async () => {
    const config = await run({ custom: { n: 3, b: true, s: 'x', text: 'n=${self:custom.n} b=${self:custom.b} s=${self:custom.s}' } });
    expect((config['custom'] as Config)['text']).toBe('n=3 b=true s=x');
  });

  test('keys are never resolved; variables at any depth are', async () => {
    const config = await run({ '${env:RV_SET}': 'key', deep: { list: [{ x: ['${env:RV_SET}'] }] } });
    expect(config).toEqual({ '${env:RV_SET}': 'key', deep: { list: [{ x: ['from-env'] }] } });
  });

  test('non-variables and escaped variables are left as text (the backslash removed)', async () => {
    const config = await run({
      custom: { base: 'b' },
      sub: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}-${foo}${}' },
      escaped: '\\${self:custom.base} but ${self:custom.base}',
    });
    expect(config['sub']).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}-${foo}${}' });
    expect(config['escaped']).toBe('${self:custom.base} but b');
  });

  test('an escaped variable stays literal in later passes on the same configuration', async () => {
    const config: Config = { custom: { base: 'b', literal: '\\${self:custom.base}', copy: '${self:custom.literal}' } };
    await run(config, { final: false });
    await run(config);
    expect(config['custom']).toEqual({ base: 'b', literal: '${self:custom.base}', copy: '${self:custom.base}' });
    expect(containsVariables(config)).toBe(false);
  });

  test('object values are copied, so two properties never share one object', async () => {
    const config = await run({ custom: { shared: { a: 1 }, one: '${self:custom.shared}', two: '${self:custom.shared}' } });
    const custom = config['custom'] as Record<string, Config>;
    expect(custom['one']).toEqual({ a: 1 });
    expect(custom['one']).not.toBe(custom['two']);
    expect(custom['one']).not.toBe(custom['shared']);
  });
});

describe('fallbacks', () => {
  test('sources are tried left to right; null falls through; a literal ends the chain', async () => {
    const config = await run(
      {
        custom: {
          first: '${env:RV_SET, "unused"}',
          second: '${env:RV_UNSET, opt:region, env:RV_SET}',
          literal: "${env:RV_UNSET, 'default'}",
          number: '${env:RV_UNSET, 42}',
          boolean: '${opt:missing, true}',
          stage: "${opt:stage, 'dev'}",
        },
      },
      { options: { stage: 'prod' } },
    );
    expect(config['custom']).toEqual({ first: 'from-env', second: 'from-env', literal: 'default', number: 42, boolean: true, stage: 'prod' });
  });

  test('an empty environment variable is a value, not a miss', async () => {
    const config = await run({ value: "${env:RV_EMPTY, 'fallback'}" });
    expect(config['value']).toBe('');
  });

  test('a nested variable works as a fallback', async () => {
    const config = await run({ provider: { stage: 'staging' }, stage: '${opt:stage, ${self:provider.stage}}' });
    expect(config['stage']).toBe('staging');
  });

  test('a source that throws stops the chain (no fallback)', async () => {
    const error = await runError({ custom: { flag: "${strToBool(maybe), 'false'}" } });
    expect(error.message).toContain('Invalid "strToBool" input');
  });

  test('not found without a fallback is an error naming the last source', async () => {
    const error = await runError({ custom: { a: '${env:RV_UNSET}', b: '${env:RV_UNSET, opt:missing}' } });
    expect(error.code).toBe('VARIABLES_RESOLUTION_ERROR');
    expect(error.message).toBe(
      'Cannot resolve serverless.yml: Variables resolution errored with:\n' +
        '  - Cannot resolve variable at "custom.a": Value not found at "env" source in "${env:RV_UNSET}"\n' +
        '  - Cannot resolve variable at "custom.b": Value not found at "opt" source in "${env:RV_UNSET, opt:missing}"',
    );
    expect(error.hint).toContain('Set the environment variable "RV_UNSET", or add a fallback: ${env:RV_UNSET, \'default\'}');
    expect(error.hint).toContain('Pass the option --missing <value>');
  });
});

describe('nesting and recursion', () => {
  test('nested variables in addresses and params', async () => {
    const config = await run(
      {
        custom: {
          keyName: 'base',
          base: 'b',
          prod: 'prod-value',
          byKey: '${self:custom.${self:custom.keyName}}',
          byStage: '${self:custom.${sls:stage}}',
          size: '${file(./config.yml):${opt:stage}.size}',
          bool: '${strToBool(${env:RV_ONE})}',
        },
      },
      { options: { stage: 'prod' } },
    );
    expect(config['custom']).toMatchObject({ byKey: 'b', byStage: 'prod-value', size: 2048, bool: true });
  });

  test('a property waits for the property it refers to, through chains of any length', async () => {
    const config = await run({ a: '${self:b}-a', b: '${self:c}-b', c: '${self:d.e}', d: { e: '${env:RV_SET}' } });
    expect(config).toMatchObject({ a: 'from-env-b-a', b: 'from-env-b', c: 'from-env' });
  });

  test('a reference into a branch resolves everything under it first', async () => {
    const config = await run({ custom: { group: { x: '${env:RV_SET}', y: ['${opt:o}'] } }, copy: '${self:custom.group}' }, { options: { o: 'opt' } });
    expect(config['copy']).toEqual({ x: 'from-env', y: ['opt'] });
  });

  test('results that contain variables are resolved too (strings and objects)', async () => {
    const sources = withSources({ echo: tableSource({ text: 'is ${env:RV_SET}', object: { inner: ['${env:RV_SET}'] } }) });
    const config = await run({ text: '${echo:text}', object: '${echo:object}' }, { sources });
    expect(config).toEqual({ text: 'is from-env', object: { inner: ['from-env'] } });
  });

  test('a value that keeps resolving to variables stops at depth 10', async () => {
    const error = await runError({ loop: '${env:RV_SELF}' });
    expect(error.message).toContain('Cannot resolve variable at "loop": Excessive variables nest depth in "${env:RV_SELF}"');
  });

  test('an object result nested too deep reports the property variant of the message', async () => {
    const sources = withSources({ deep: { resolve: () => ({ value: { again: '${deep:x}' } }) } });
    const error = await runError({ loop: '${deep:x}' }, { sources });
    expect(error.message).toContain('Excessive property variables nest depth in "${deep:x}"');
  });
});

describe('dependencies and cycles', () => {
  test('a cycle is reported once, with the whole chain', async () => {
    const error = await runError({ custom: { a: '${self:custom.b}', b: '${self:custom.c}', c: '${self:custom.a}' } });
    const lines = error.message.split('\n').slice(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Circular reference: (custom\.\w) → custom\.\w → custom\.\w → \1 in "\$\{self:custom\.\w\}"$/);
    for (const name of ['custom.a', 'custom.b', 'custom.c']) expect(lines[0]).toContain(name);
    expect(error.hint).toContain('Break the cycle');
  });

  test('two properties referring to each other', async () => {
    const error = await runError({ custom: { a: '${self:custom.b}', b: '${self:custom.a}' } });
    expect(error.message).toMatch(/Circular reference: custom\.(a|b) → custom\.(a|b) → custom\.\1/);
  });

  test('a property referring to itself (directly or through its parent)', async () => {
    const direct = await runError({ custom: { a: 'x-${self:custom.a}' } });
    expect(direct.message).toContain('Cannot resolve variable at "custom.a": Circular reference: "custom.a" refers to itself in "${self:custom.a}"');
    const parent = await runError({ custom: { a: '${self:custom}' } });
    expect(parent.message).toContain('"custom.a" refers to itself');
  });

  test('a property depending on a failed one is not reported again', async () => {
    const error = await runError({ a: '${env:RV_UNSET}', b: '${self:a}', c: 'ok' });
    expect(error.message.split('\n')).toHaveLength(2);
    expect(error.message).toContain('at "a"');
  });

  test('sls:stage waits for provider.stage, which may itself be a variable', async () => {
    const config = await run({ provider: { stage: '${env:RV_SET}' }, stage: '${sls:stage}' });
    expect(config['stage']).toBe('from-env');
  });
});

describe('phases', () => {
  test('final: false leaves pending sources and unknown types as written, resolves the rest', async () => {
    const config: Config = {
      a: '${opt:later}',
      b: '${unknownSource:x}',
      c: 'ok-${env:RV_SET}',
      d: '${sls:instanceId}',
      e: 'mix-${env:RV_SET}-${opt:later}',
    };
    await run(config, { final: false, optionsComplete: false });
    expect(config).toEqual({ a: '${opt:later}', b: '${unknownSource:x}', c: 'ok-from-env', d: '${sls:instanceId}', e: 'mix-${env:RV_SET}-${opt:later}' });
    expect(containsVariables(config)).toBe(true);
    const sources = withSources({ unknownSource: tableSource({ x: 'known' }) }, { instanceId: '123' });
    await run(config, { final: true, options: { later: 'now' }, sources });
    expect(config).toEqual({ a: 'now', b: 'known', c: 'ok-from-env', d: '123', e: 'mix-from-env-now' });
  });

  test('a property that depends on a pending one stays pending', async () => {
    const config: Config = { a: '${opt:later}', b: 'x-${self:a}' };
    await run(config, { final: false, optionsComplete: false });
    expect(config).toEqual({ a: '${opt:later}', b: 'x-${self:a}' });
  });

  test('env pending before .env files load (envComplete: false)', async () => {
    const config: Config = { a: '${env:RV_UNSET}', b: '${env:RV_SET}' };
    await run(config, { final: false, envComplete: false });
    expect(config).toEqual({ a: '${env:RV_UNSET}', b: 'from-env' });
  });

  test('final: true turns a pending result into an error with the eventual message', async () => {
    const sources = withSources({ later: { resolve: () => ({ value: null, isPending: true, eventualErrorMessage: 'Later is never ready' }) } });
    const error = await runError({ a: '${later:x}', b: '${sls:instanceId}' }, { sources });
    expect(error.message).toContain('Cannot resolve variable at "a": Later is never ready in "${later:x}"');
    expect(error.message).toContain('Cannot resolve variable at "b": Value at "sls" source could not be resolved at this stage');
  });

  test('final: true reports unknown source types together, with where they are used', async () => {
    const error = await runError({ a: '${foo:x}', b: '${bar:y}', c: 'z-${foo:z}', d: '${slf:custom}' });
    expect(error.code).toBe('UNRECOGNIZED_VARIABLE_SOURCES');
    expect(error.message).toBe(
      'Unrecognized configuration variable sources: "foo", "bar", "slf"\n' +
        '  - "foo" used at "a", "c"\n' +
        '  - "bar" used at "b"\n' +
        '  - "slf" used at "d"',
    );
    expect(error.hint).toContain('"slf": Did you mean "self"?');
  });

  test('unknown sources next to other errors are one more item of the resolution error', async () => {
    const error = await runError({ a: '${foo:x}', b: '${env:RV_UNSET}' });
    expect(error.code).toBe('VARIABLES_RESOLUTION_ERROR');
    expect(error.message).toContain('  - Cannot resolve variable at "b"');
    expect(error.message).toContain('  - Unrecognized configuration variable sources: "foo"');
  });

  test('propertyPaths resolves only those properties and what they depend on', async () => {
    const config: Config = {
      provider: { name: 'aws', stage: '${self:custom.stage}' },
      custom: { stage: '${env:RV_SET}', other: '${env:RV_SET}', broken: '${env:RV_UNSET}' },
      useDotenv: '${strToBool(true)}',
    };
    await run(config, { propertyPaths: [['provider', 'stage'], ['useDotenv']] });
    expect(config).toEqual({
      provider: { name: 'aws', stage: 'from-env' },
      custom: { stage: 'from-env', other: '${env:RV_SET}', broken: '${env:RV_UNSET}' },
      useDotenv: true,
    });
  });

  test('identical lookups are asked once per call', async () => {
    const calls: string[] = [];
    const sources = withSources({ count: tableSource({ x: 'v', y: 'w' }, calls) });
    await run({ a: '${count:x}', b: '${count:x}-${count:x}', c: ['${count:x}', '${count:y}'] }, { sources });
    expect(calls.sort()).toEqual(['x', 'y']);
  });
});

describe('the source context', () => {
  test('a source sees resolved params and address, options, serviceDir and the property path', async () => {
    const seen: unknown[] = [];
    const spy: VariableSource = {
      async resolve(context) {
        const { address, params, options, serviceDir, propertyPath } = context;
        const inString = await context.resolveVariablesInString('v=${env:RV_SET}');
        const variable = await context.resolveVariable('opt:o');
        seen.push({ address, params, options, serviceDir, propertyPath, inString, variable });
        return { value: 'ok' };
      },
    };
    await run({ custom: { a: '${spy(${env:RV_SET}, 2, "q"):x.${opt:o}}' } }, { sources: withSources({ spy }), options: { o: 'O' } });
    expect(seen).toEqual([
      { address: 'x.O', params: ['from-env', 2, 'q'], options: { o: 'O' }, serviceDir: FIXTURES_DIR, propertyPath: 'custom.a', inString: 'v=from-env', variable: 'O' },
    ]);
  });

  test('a source cannot hide that a property it read is pending (it stays pending)', async () => {
    const swallow: VariableSource = {
      async resolve({ resolveConfigurationProperty }) {
        try {
          return { value: await resolveConfigurationProperty(['a']) };
        } catch {
          return { value: 'swallowed' };
        }
      },
    };
    const config: Config = { a: '${opt:later}', b: '${swallow:}' };
    await run(config, { final: false, sources: withSources({ swallow }, { optionsComplete: false }) });
    expect(config['b']).toBe('${swallow:}');
  });
});

describe('errors', () => {
  test('messages include the file location when locate knows it', async () => {
    const error = await runError(
      { custom: { a: '${env:RV_UNSET}', b: '${self:custom.b' } },
      { locate: (path) => (path.join('.') === 'custom.a' ? { file: 'serverless.yml', line: 4, column: 6 } : { file: 'serverless.yml' }) },
    );
    expect(error.message).toBe(
      'Cannot resolve serverless.yml: Variables resolution errored with:\n' +
        '  - Cannot resolve variable at "custom.a" (serverless.yml:4:6): Value not found at "env" source in "${env:RV_UNSET}"\n' +
        '  - Variable syntax error at "custom.b": Missing variable closing bracket in ${self:custom.b',
    );
  });

  test('other syntax errors are reported per property', async () => {
    const error = await runError({ a: '${opt:a, Foo}', b: "${opt:a, 'x'} ok" }, { options: { a: 'A' } });
    expect(error.message).toContain('Variable syntax error at "a": Invalid variable type at index 9 in "${opt:a, Foo}"');
    expect(error.message).not.toContain('at "b"');
    expect(error.hint).toContain('quote literal fallbacks');
  });

  test('a syntax error in a value returned by a source', async () => {
    const sources = withSources({ echo: tableSource({ bad: 'x ${self:open' }) });
    const error = await runError({ a: '${echo:bad}' }, { sources });
    expect(error.message).toContain('Cannot resolve variable at "a": Missing variable closing bracket in x ${self:open in "${echo:bad}"');
  });

  test('an interpolated variable must resolve to a string, number or boolean', async () => {
    const error = await runError({ custom: { object: { a: 1 }, text: 'x-${self:custom.object}', nothing: 'x-${env:RV_UNSET, null}' } });
    expect(error.message).toContain(
      'Cannot resolve variable at "custom.text": String value consist of variable which resolve with non-string value in "x-${self:custom.object}"',
    );
    expect(error.message).toContain('at "custom.nothing"');
  });

  test('a plain Error thrown by a source is wrapped with its message', async () => {
    const cause = new TypeError('source exploded');
    const sources = withSources({ bad: { resolve: () => Promise.reject(cause) } });
    const error = await runError({ a: '${bad:x}' }, { sources });
    expect(error).toBeInstanceOf(StratusError);
    expect(error.message).toContain('Cannot resolve variable at "a": source exploded in "${bad:x}"');
    expect(error.cause).toBe(cause);
  });

  test('a source result without a value key is refused', async () => {
    const sources = withSources({ odd: { resolve: () => 'nope' as never } });
    const error = await runError({ a: '${odd:x}' }, { sources });
    expect(error.message).toContain('Source "odd" returned an unexpected result');
  });

  test('resolveVariables resolves nothing and throws nothing for a config without variables', async () => {
    const config = { service: 'svc', provider: { name: 'aws' } };
    await expect(
      resolveVariables({ configuration: config, sources: new Map(), serviceDir: FIXTURES_DIR, configFile: 'serverless.yml', options: {}, final: true }),
    ).resolves.toBeUndefined();
    expect(config).toEqual({ service: 'svc', provider: { name: 'aws' } });
  });
});

describe('containsVariables', () => {
  test('finds unresolved variables at any depth, ignores text that only looks like one', () => {
    expect(containsVariables({ a: [{ b: 'x ${opt:y}' }] })).toBe(true);
    expect(containsVariables('${self:open')).toBe(true);
    expect(containsVariables({ a: '${AWS::Region}', b: 1, c: null })).toBe(false);
    expect(containsVariables('plain')).toBe(false);
  });
});
