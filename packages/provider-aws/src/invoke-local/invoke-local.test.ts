import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fakeApi } from '../aws/__fixtures__/fake-aws';
import { buildLocalFunction, parseEnvOptions, registerInvokeLocal } from './index';

const serviceDir = mkdtempSync(path.join(tmpdir(), 'stratus-invoke-local-'));
mkdirSync(path.join(serviceDir, 'src'));
writeFileSync(
  path.join(serviceDir, 'src', 'handler.js'),
  `exports.hello = async (event, context) => { console.log('got', JSON.stringify(event)); return { input: event, name: context.functionName, client: context.clientContext ?? null, env: { IS_LOCAL: process.env.IS_LOCAL, FROM_PROVIDER: process.env.FROM_PROVIDER ?? null, FROM_FN: process.env.FROM_FN ?? null, FROM_CLI: process.env.FROM_CLI ?? null, REF: process.env.REF ?? null } }; };
exports.text = async () => 'plain text';
exports.fails = async () => { throw new RangeError('out of range'); };
exports.slow = () => new Promise(() => {});
`,
);
writeFileSync(path.join(serviceDir, 'src', 'handler.py'), 'def hello(event, context):\n    print("from python")\n    return {"py": event}\n');
writeFileSync(path.join(serviceDir, 'event.yml'), 'source: yaml\nn: 2\n');
writeFileSync(path.join(serviceDir, 'context.json'), '{"tenant":"t1"}');

const configuration = {
  service: 'svc',
  provider: { name: 'aws', stage: 'dev', region: 'eu-west-1', runtime: 'nodejs20.x', environment: { FROM_PROVIDER: 'p', SHARED: 'provider' } },
  functions: {
    hello: { handler: 'src/handler.hello', environment: { FROM_FN: 'f', SHARED: 'function', REF: { Ref: 'MyTable' } } },
    text: { handler: 'src/handler.text' },
    fails: { handler: 'src/handler.fails' },
    slow: { handler: 'src/handler.slow', timeout: 0.2 },
    py: { handler: 'src/handler.hello', runtime: 'python3.11', name: 'custom-py' },
  },
};

async function run(options: Record<string, unknown>) {
  const fake = fakeApi({ configuration, options, serviceDir });
  registerInvokeLocal(fake.api);
  await fake.hooks.get('invoke:local:loadEnvVars')!();
  let error: unknown;
  try {
    await fake.hooks.get('invoke:local:invoke')!();
  } catch (caught) {
    error = caught;
  }
  return { ...fake, error };
}

describe('invoke local', () => {
  it('runs the handler with --data and prints the payload as 4-space JSON, after its logs', async () => {
    const { stdout, logs, error } = await run({ function: 'hello', data: '{"a":1}', env: ['FROM_CLI=c=1'] });
    expect(error).toBeUndefined();
    expect(stdout[0]).toBe('got {"a":1}');
    expect(JSON.parse(stdout[1]!)).toEqual({
      input: { a: 1 },
      name: 'svc-dev-hello',
      client: null,
      env: { IS_LOCAL: 'true', FROM_PROVIDER: 'p', FROM_FN: 'f', FROM_CLI: 'c=1', REF: null },
    });
    expect(stdout[1]).toContain('\n    "input": {');
    expect(logs.join('\n')).toMatch(/REF.*CloudFormation intrinsic/);
  });

  it('passes --data as a string with --raw, reads --path (YAML) and --contextPath', async () => {
    const raw = await run({ function: 'hello', data: '{"a":1}', raw: true });
    expect(JSON.parse(raw.stdout[1]!).input).toBe('{"a":1}');
    const file = await run({ function: 'hello', path: 'event.yml', contextPath: 'context.json' });
    expect(JSON.parse(file.stdout[1]!)).toMatchObject({ input: { source: 'yaml', n: 2 }, client: { tenant: 't1' } });
    const inline = await run({ function: 'hello', context: '{"x":1}' });
    expect(JSON.parse(inline.stdout[1]!).client).toEqual({ x: 1 });
  });

  it('prints a string payload as it is', async () => {
    expect((await run({ function: 'text' })).stdout).toEqual(['plain text']);
  });

  it('prints a handler error as JSON and fails with INVOKE_LOCAL_FUNCTION_ERROR', async () => {
    const { stdout, error } = await run({ function: 'fails' });
    const printed = JSON.parse(stdout[0]!);
    expect(printed).toMatchObject({ errorMessage: 'out of range', errorType: 'RangeError' });
    expect(Object.keys(printed)).toEqual(['errorMessage', 'errorType', 'stackTrace']);
    expect(error).toMatchObject({ code: 'INVOKE_LOCAL_FUNCTION_ERROR', message: expect.stringContaining('"fails"') });
  });

  it('enforces the function timeout', async () => {
    const { stdout, error } = await run({ function: 'slow' });
    expect(JSON.parse(stdout[0]!)).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.20 seconds' });
    expect(error).toMatchObject({ code: 'INVOKE_LOCAL_FUNCTION_ERROR' });
  });

  it('runs Python handlers', async () => {
    const { stdout, error } = await run({ function: 'py', data: '{"b":2}' });
    expect(error).toBeUndefined();
    expect(stdout).toEqual(['from python', JSON.stringify({ py: { b: 2 } }, null, 4)]);
  });

  it('names the known functions when the function does not exist', async () => {
    const { error } = await run({ function: 'nope' });
    expect(error).toMatchObject({ code: 'INVOKE_LOCAL_FUNCTION_NOT_FOUND', hint: 'Functions: hello, text, fails, slow, py.' });
  });
});

describe('buildLocalFunction', () => {
  it('applies function → provider → defaults', () => {
    const { api } = fakeApi({ configuration: { service: { name: 'svc' }, provider: { name: 'aws', timeout: 10 }, functions: { f: { handler: 'a.b', memorySize: 256 } } }, options: { stage: 'prod' }, serviceDir });
    expect(buildLocalFunction(api, 'f', {})).toEqual({
      key: 'f',
      name: 'svc-prod-f',
      handler: 'a.b',
      runtime: 'nodejs22.x',
      timeoutSeconds: 10,
      memorySize: 256,
      environment: {},
      codeDir: serviceDir,
    });
  });

  it('parses --env KEY=VALUE and rejects entries without "="', () => {
    expect(parseEnvOptions(['A=1', 'B=x=y'])).toEqual({ A: '1', B: 'x=y' });
    expect(parseEnvOptions('C=3')).toEqual({ C: '3' });
    expect(parseEnvOptions(undefined)).toEqual({});
    expect(() => parseEnvOptions(['NOPE'])).toThrow(expect.objectContaining({ code: 'INVOKE_LOCAL_INVALID_ENV' }));
  });
});
