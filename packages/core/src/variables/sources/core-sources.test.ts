import { run, runError } from '../__fixtures__/helpers';
import { createCoreVariableSources } from '../index';

afterEach(() => {
  delete process.env['CS_SET'];
});

test('the core sources are self, opt, env, sls, file, strToBool and param', () => {
  expect([...createCoreVariableSources({ optionsComplete: true }).keys()]).toEqual(['self', 'opt', 'env', 'sls', 'file', 'strToBool', 'param']);
});

describe('self', () => {
  test('dot paths, array indexes and an empty address for the whole configuration', async () => {
    const config = await run({
      service: 'svc',
      functions: { hello: { events: [{ http: 'GET /' }] } },
      custom: { event: '${self:functions.hello.events.0.http}', missing: "${self:custom.nope, 'none'}", service: '${self:service}' },
      whole: '${self:}',
    }, { propertyPaths: [['custom']] });
    expect(config['custom']).toEqual({ event: 'GET /', missing: 'none', service: 'svc' });
    expect(config['whole']).toBe('${self:}'); // not requested
  });

  test('inherited keys are not properties', async () => {
    const config = await run({ custom: { a: "${self:custom.toString, 'own keys only'}" } });
    expect(config['custom']).toEqual({ a: 'own keys only' });
  });
});

describe('opt', () => {
  test('an option value, and all options for an empty address', async () => {
    const options = { stage: 'prod', verbose: true };
    const config = await run({ stage: '${opt:stage}', verbose: '${opt:verbose}', all: '${opt:}' }, { options });
    expect(config).toEqual({ stage: 'prod', verbose: true, all: options });
  });

  test('a missing option is pending before plugins load, null (fallback) after', async () => {
    const config = { region: "${opt:region, 'us-east-1'}" };
    await run(config, { optionsComplete: false, final: false });
    expect(config.region).toBe("${opt:region, 'us-east-1'}");
    await run(config, { optionsComplete: true });
    expect(config.region).toBe('us-east-1');
  });
});

describe('env', () => {
  test('reads process.env; unset is not found', async () => {
    process.env['CS_SET'] = 'value';
    const config = await run({ a: '${env:CS_SET}', b: "${env:CS_UNSET, 'fb'}" });
    expect(config).toEqual({ a: 'value', b: 'fb' });
  });

  test('an empty name is an error', async () => {
    const error = await runError({ a: '${env:}' });
    expect(error.message).toContain('The "env" source needs a variable name in "${env:}"');
  });
});

describe('sls', () => {
  test('stage: --stage wins, then provider.stage, then dev', async () => {
    expect((await run({ s: '${sls:stage}', provider: { stage: 'cfg' } }, { options: { stage: 'cli' } }))['s']).toBe('cli');
    expect((await run({ s: '${sls:stage}', provider: { stage: 'cfg' } }))['s']).toBe('cfg');
    expect((await run({ s: '${sls:stage}' }))['s']).toBe('dev');
  });

  test('instanceId comes from the options and is pending without one', async () => {
    const config = { id: '${sls:instanceId}' };
    await run(config, { final: false });
    expect(config.id).toBe('${sls:instanceId}');
    await run(config, { instanceId: '1700000000000' });
    expect(config.id).toBe('1700000000000');
  });

  test('any other address is an error with a suggestion', async () => {
    const error = await runError({ a: '${sls:stag}' });
    expect(error.message).toContain('Unsupported "sls" variable source address: "stag". Did you mean "stage"? in "${sls:stag}"');
    const other = await runError({ a: '${sls:foo}' });
    expect(other.message).toContain('Unsupported "sls" variable source address: "foo" in "${sls:foo}"');
  });
});

describe('strToBool', () => {
  test('true/1 and false/0, trimmed and in any case', async () => {
    const config = await run({ values: ['${strToBool(true)}', "${strToBool(' TRUE ')}", '${strToBool(1)}', '${strToBool(False)}', "${strToBool('0')}"] });
    expect(config['values']).toEqual([true, true, true, false, false]);
  });

  test('anything else is v3\'s error', async () => {
    const error = await runError({ a: '${strToBool(yes)}' });
    expect(error.message).toContain(
      'Cannot resolve variable at "a": Invalid "strToBool" input: Expected either "true", "false", "0", or "1". Received: yes in "${strToBool(yes)}"',
    );
  });
});

describe('param', () => {
  const params = { default: { region: 'eu-west-1', name: 'default-name' }, prod: { name: 'prod-name' } };

  test('--param (a string or several) wins, then params.<stage>, then params.default', async () => {
    const config = { params, a: '${param:name}', b: '${param:region}', c: '${param:token}', d: '${param:other}' };
    await run(config, { options: { stage: 'prod', param: ['token=abc=def', 'other=x'] } });
    expect(config).toMatchObject({ a: 'prod-name', b: 'eu-west-1', c: 'abc=def', d: 'x' });
    const single = await run({ params, a: '${param:name}' }, { options: { param: 'name=cli' } });
    expect(single['a']).toBe('cli');
    const dev = await run({ params, a: '${param:name}' });
    expect(dev['a']).toBe('default-name');
  });

  test('a missing param has v3\'s message; fallbacks apply', async () => {
    const error = await runError({ a: '${param:nope}' });
    expect(error.message).toContain(
      'Cannot resolve variable at "a": The param "nope" cannot be resolved from CLI options or stage params in "${param:nope}"',
    );
    expect(error.hint).toContain('--param "nope=<value>"');
    expect((await run({ a: "${param:nope, 'fb'}" }))['a']).toBe('fb');
  });

  test('a --param without "=" is an error', async () => {
    const error = await runError({ a: '${param:x}' }, { options: { param: 'novalue' } });
    expect(error.message).toContain('Invalid --param value "novalue": expected "<name>=<value>"');
  });
});

describe('opt before plugins load', () => {
  test('an option the core declares is final when absent, so fallbacks apply early', async () => {
    const sources = createCoreVariableSources({ optionsComplete: false, declaredOptions: new Set(['stage']) });
    const opt = sources.get('opt')!;
    await expect(Promise.resolve(opt.resolve({ address: 'stage', params: [], options: {} } as never))).resolves.toEqual({ value: null });
    await expect(Promise.resolve(opt.resolve({ address: 'plugin-option', params: [], options: {} } as never))).resolves.toEqual({ value: null, isPending: true });
  });
});
