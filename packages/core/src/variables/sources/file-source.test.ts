import { run, runError } from '../__fixtures__/helpers';

describe('file', () => {
  test('YAML with CloudFormation tags, and an address into it', async () => {
    const config = await run({
      custom: { base: 'b' },
      whole: '${file(./config.yml)}',
      size: '${file(./config.yml):prod.size}',
      deep: '${file(./config.yml):nested.deep.value}',
    });
    expect(config['size']).toBe(2048);
    expect(config['deep']).toBe('from-yaml');
    expect(config['whole']).toMatchObject({
      ref: { Ref: 'MyBucket' },
      arn: { 'Fn::GetAtt': ['MyFunction', 'Arn'] },
      withVariable: 'b', // variables inside the file are resolved too
    });
  });

  test('JSON, and text files as UTF-8 (trailing newline kept)', async () => {
    const config = await run({ json: '${file(./data.json):nested.flag}', list: '${file(./data.json):list}', text: '${file(./note.txt)}' });
    expect(config).toEqual({ json: true, list: [1, 2, 3], text: 'hello from text\n' });
  });

  test('a missing file is not found: the fallback applies, or the message names the file', async () => {
    expect((await run({ a: "${file(./missing.yml), 'no-file'}" }))['a']).toBe('no-file');
    const error = await runError({ a: '${file(./missing.yml):key}' });
    expect(error.message).toContain('Value not found at "file" source: "./missing.yml" does not exist in "${file(./missing.yml):key}"');
    const noKey = await runError({ a: '${file(./config.yml):nope}' });
    expect(noKey.message).toContain('"./config.yml" has no "nope"');
  });

  test('a JS file exporting a value, with function and async properties called', async () => {
    const config = await run(
      { plain: '${file(./value.js):plain}', computed: '${file(./value.js):compute}', awaited: '${file(./value.js):later.inner}' },
      { options: { stage: 'qa' } },
    );
    expect(config).toEqual({ plain: 'from-js', computed: 'computed-qa', awaited: 'awaited' });
  });

  test('a JS file exporting a sync function: the address is read from its return value', async () => {
    const config = await run({ stage: '${file(./sync-function.js):stage}', region: '${file(./sync-function.js):region}' }, { options: { stage: 'qa' } });
    expect(config).toEqual({ stage: 'qa', region: 'eu-west-1' });
  });

  test('a JS file exporting an async function that uses resolveConfigurationProperty and resolveVariable', async () => {
    const config = await run({ custom: { base: '${env:FS_BASE, "base"}' }, provider: { stage: 'test' }, out: '${file(./async-function.js):combined}' });
    expect(config['out']).toBe('base-test');
  });

  test('a .cjs file with a function-valued property', async () => {
    expect((await run({ memory: '${file(./function-value.cjs):memory}' }))['memory']).toBe(512);
  });

  test('parse errors name the file', async () => {
    const error = await runError({ yml: '${file(./broken.yml)}', json: '${file(./broken.json)}' });
    expect(error.message).toMatch(/at "yml": Cannot parse "\.\/broken\.yml": Flow sequence in block collection.* at line \d+, column \d+ in "\$\{file\(\.\/broken\.yml\)\}"/);
    expect(error.message).toContain('at "json": Cannot parse "./broken.json":');
    expect(error.hint).toContain('Fix the syntax of "./broken.yml".');
  });

  test('a JS function that throws is wrapped with its message', async () => {
    const error = await runError({ a: '${file(./throws.js)}' });
    expect(error.message).toContain('Cannot resolve variable at "a": Cannot resolve the function exported by "./throws.js": boom from js');
    const wrapped = error.cause as Error & { code: string };
    expect(wrapped.code).toBe('JS_FILE_FUNCTION_RESOLUTION_ERROR');
    expect((wrapped.cause as Error).message).toBe('boom from js'); // the original, with its stack
  });

  test('a JS file that throws while loading is wrapped too', async () => {
    const error = await runError({ a: "${file(./throws-on-load.js), 'fallback is not used'}" });
    expect(error.message).toContain('Cannot load "./throws-on-load.js": cannot even load');
  });

  test('a file that refers to itself stops at the nesting limit', async () => {
    const error = await runError({ a: '${file(./recursive.yml):next}' });
    expect(error.message).toContain('Excessive variables nest depth');
  });

  test('a file function waiting on a pending property leaves the variable for later', async () => {
    const config = { custom: { base: '${opt:base}' }, out: '${file(./async-function.js):combined}' };
    await run(config, { final: false, optionsComplete: false });
    expect(config.out).toBe('${file(./async-function.js):combined}');
  });

  test('a path is required', async () => {
    const error = await runError({ a: '${file():x}' });
    expect(error.message).toContain('The "file" source needs a file path');
  });
});
