import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { awsError, fakeApi, fakeAwsClients, type FakeHandler } from '../aws/__fixtures__/fake-aws';
import { runInvoke } from './invoke';
import { registerLogsAndInvoke } from './register-logs-and-invoke';

const serviceDir = mkdtempSync(path.join(tmpdir(), 'stratus-invoke-'));
writeFileSync(path.join(serviceDir, 'event.json'), '{"source":"file","n":1}');
writeFileSync(path.join(serviceDir, 'event.yml'), 'source: yaml\nlist:\n  - 1\n  - 2\n');
writeFileSync(path.join(serviceDir, 'context.yml'), 'custom:\n  tenant: t1\n');
writeFileSync(path.join(serviceDir, 'broken.json'), '{nope');

const configuration = {
  service: 'svc',
  provider: { name: 'aws', stage: 'dev', region: 'eu-west-1' },
  functions: { hello: { name: 'svc-dev-hello' }, other: { name: 'svc-dev-other' } },
};

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const decodePayload = (input: Record<string, unknown>) => JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8'));

function setup(options: Record<string, unknown>, handler: FakeHandler = () => ({ StatusCode: 200, Payload: encode({ ok: true }) })) {
  const fake = fakeAwsClients({ Invoke: handler }, { region: 'eu-west-1' });
  const api = fakeApi({ configuration, options, serviceDir });
  return { ...fake, ...api, run: () => runInvoke(api.api, fake.clients, options) };
}

describe('invoke', () => {
  it('invokes the deployed name with {} and prints the JSON payload pretty', async () => {
    const { run, calls, stdout } = setup({ function: 'hello' }, () => ({ StatusCode: 200, Payload: encode({ statusCode: 200, body: 'hi' }) }));
    const result = await run();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ service: 'lambda', region: 'eu-west-1', input: { FunctionName: 'svc-dev-hello', InvocationType: 'RequestResponse', LogType: 'None' } });
    expect(calls[0]?.input).not.toHaveProperty('Qualifier');
    expect(calls[0]?.input).not.toHaveProperty('ClientContext');
    expect(decodePayload(calls[0]!.input)).toEqual({});
    expect(stdout).toEqual([JSON.stringify({ statusCode: 200, body: 'hi' }, null, 4)]);
    expect(result).toMatchObject({ statusCode: 200, functionError: undefined });
  });

  it('prints a payload that is not JSON as it is', async () => {
    const { run, stdout } = setup({ function: 'hello' }, () => ({ StatusCode: 200, Payload: encode('plain text') }));
    await run();
    expect(stdout).toEqual(['plain text']);
  });

  it('sends --data as JSON, as text when it is not JSON, and as a string with --raw', async () => {
    const json = setup({ function: 'hello', data: '{"a":1}' });
    await json.run();
    expect(decodePayload(json.calls[0]!.input)).toEqual({ a: 1 });
    const text = setup({ function: 'hello', data: 'hello there' });
    await text.run();
    expect(decodePayload(text.calls[0]!.input)).toBe('hello there');
    const raw = setup({ function: 'hello', data: '{"a":1}', raw: true });
    await raw.run();
    expect(decodePayload(raw.calls[0]!.input)).toBe('{"a":1}');
  });

  it('reads --path as JSON or YAML relative to the service directory, or absolute', async () => {
    const json = setup({ function: 'hello', path: 'event.json', data: '{"ignored":true}' });
    await json.run();
    expect(decodePayload(json.calls[0]!.input)).toEqual({ source: 'file', n: 1 });
    const yaml = setup({ function: 'hello', path: path.join(serviceDir, 'event.yml') });
    await yaml.run();
    expect(decodePayload(yaml.calls[0]!.input)).toEqual({ source: 'yaml', list: [1, 2] });
  });

  it('reports a missing or broken --path file', async () => {
    await expect(setup({ function: 'hello', path: 'nope.json' }).run()).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining(path.join(serviceDir, 'nope.json')) });
    await expect(setup({ function: 'hello', path: 'broken.json' }).run()).rejects.toMatchObject({ code: 'INVOKE_INVALID_JSON' });
  });

  it('passes --type, --qualifier and --context / --contextPath (base64 ClientContext)', async () => {
    const event = setup({ function: 'hello', type: 'Event', qualifier: 'live', context: '{"custom":{"a":1}}' }, () => ({ StatusCode: 202, Payload: new Uint8Array() }));
    await event.run();
    expect(event.calls[0]?.input).toMatchObject({ InvocationType: 'Event', Qualifier: 'live' });
    expect(JSON.parse(Buffer.from(event.calls[0]!.input.ClientContext as string, 'base64').toString())).toEqual({ custom: { a: 1 } });
    expect(event.stdout).toEqual([]);

    const dryRun = setup({ function: 'hello', type: 'DryRun', contextPath: 'context.yml' }, () => ({ StatusCode: 204 }));
    await dryRun.run();
    expect(dryRun.calls[0]?.input.InvocationType).toBe('DryRun');
    expect(JSON.parse(Buffer.from(dryRun.calls[0]!.input.ClientContext as string, 'base64').toString())).toEqual({ custom: { tenant: 't1' } });
  });

  it('refuses an unknown --type', async () => {
    await expect(setup({ function: 'hello', type: 'event' }).run()).rejects.toMatchObject({ code: 'INVOKE_INVALID_TYPE', message: expect.stringContaining('Did you mean "Event"?') });
  });

  it('asks for the log tail with --log and prints it decoded after the payload', async () => {
    const log = 'START RequestId: r1 Version: $LATEST\n2024-03-01T12:00:00.000Z\tr1\tINFO\thello\nEND RequestId: r1\nREPORT RequestId: r1\tDuration: 1 ms\n';
    const { run, calls, stdout } = setup({ function: 'hello', log: true }, () => ({ StatusCode: 200, Payload: encode({ ok: 1 }), LogResult: Buffer.from(log).toString('base64') }));
    const result = await run();
    expect(calls[0]?.input.LogType).toBe('Tail');
    expect(result.log).toBe(log);
    expect(stdout[0]).toBe(JSON.stringify({ ok: 1 }, null, 4));
    expect(stdout[1]).toMatch(/^-+$/);
    expect(stdout[2]).toBe('START RequestId: r1 Version: $LATEST');
    expect(stdout[3]).toMatch(/^2024-03-0[12] \d{2}:\d{2}:00\.000 \([+-]\d{2}:\d{2}\)\tr1\tINFO\thello$/);
    expect(stdout.slice(4)).toEqual(['END RequestId: r1', 'REPORT RequestId: r1\tDuration: 1 ms\n']);
  });

  it('prints the error payload of a failed function and fails naming it', async () => {
    const errorPayload = { errorType: 'Error', errorMessage: 'boom', trace: ['at handler'] };
    const { run, stdout } = setup({ function: 'hello' }, () => ({ StatusCode: 200, FunctionError: 'Unhandled', Payload: encode(errorPayload) }));
    await expect(run()).rejects.toMatchObject({ code: 'AWS_LAMBDA_INVOCATION_FAILED', message: 'Invoked function "hello" failed (Unhandled error).' });
    expect(stdout).toEqual([JSON.stringify(errorPayload, null, 4)]);
  });

  it('says when the function is not deployed, and maps other errors', async () => {
    const missing = setup({ function: 'hello' }, () => Promise.reject(awsError('ResourceNotFoundException', 'Function not found: arn:aws:lambda:eu-west-1:1:function:svc-dev-hello', 404)));
    await expect(missing.run()).rejects.toMatchObject({
      code: 'AWS_LAMBDA_INVOKE_RESOURCE_NOT_FOUND_EXCEPTION',
      message: expect.stringContaining('Function "hello" (svc-dev-hello) is not deployed'),
      hint: expect.stringContaining('stratus deploy'),
    });
    const denied = setup({ function: 'hello' }, () => Promise.reject(awsError('AccessDeniedException', 'User is not authorized to perform: lambda:InvokeFunction', 403)));
    await expect(denied.run()).rejects.toMatchObject({ code: 'AWS_LAMBDA_INVOKE_ACCESS_DENIED_EXCEPTION', hint: expect.stringContaining('lambda:InvokeFunction') });
  });

  it('lists the functions when -f names none of them', async () => {
    await expect(setup({ function: 'nope' }).run()).rejects.toMatchObject({ code: 'FUNCTION_MISSING_IN_SERVICE', hint: 'The functions of this service: hello, other.' });
  });

  it('falls back to <service>-<stage>-<fn> when the core has not set a name', async () => {
    const fake = fakeAwsClients({ Invoke: () => ({ StatusCode: 200 }) });
    const api = fakeApi({ configuration: { service: 'svc', provider: { name: 'aws' }, functions: { bare: {} } }, options: { stage: 'prod' }, serviceDir });
    await runInvoke(api.api, fake.clients, { function: 'bare' });
    expect(fake.calls[0]?.input.FunctionName).toBe('svc-prod-bare');
  });
});

describe('registerLogsAndInvoke', () => {
  it('taps logs:logs and invoke:invoke with the run options', async () => {
    const fake = fakeAwsClients({ Invoke: () => ({ StatusCode: 200, Payload: encode({ via: 'hook' }) }), FilterLogEvents: () => ({ events: [{ eventId: '1', timestamp: 1, message: 'line' }] }) });
    const api = fakeApi({ configuration, options: { function: 'hello' }, serviceDir });
    registerLogsAndInvoke(api.api, fake.clients);
    expect([...api.hooks.keys()]).toEqual(['logs:logs', 'invoke:invoke']);
    await api.hooks.get('invoke:invoke')!();
    await api.hooks.get('logs:logs')!();
    expect(api.stdout).toEqual([JSON.stringify({ via: 'hook' }, null, 4), 'line']);
  });
});
