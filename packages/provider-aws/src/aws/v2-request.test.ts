import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { isStratusError } from '@stratus/core';
import { AwsClients } from './aws-clients';
import { awsError } from './__fixtures__/fake-aws';
import { createSdkPackageLoader, type SdkPackageLoader } from './load-sdk-package';
import { createV2Request, type V2RequestDependencies } from './v2-request';

/** A fake SDK v3 package: one client class and the commands named, answering from `handlers`. */
function fakeSdk(clientName: string, handlers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const made: Array<{ config: Record<string, unknown> }> = [];
  const sent: Array<{ command: string; input: Record<string, unknown>; region: unknown }> = [];
  class Client {
    constructor(readonly config: Record<string, unknown>) {
      made.push({ config });
    }
    async send(command: { input: Record<string, unknown>; constructor: { name: string } }) {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ command: name, input: command.input, region: this.config.region });
      return (handlers[name] as (input: Record<string, unknown>) => unknown)(command.input);
    }
  }
  Object.defineProperty(Client, 'name', { value: clientName });
  const sdk: Record<string, unknown> = { [clientName]: Client, ServiceException: class {} };
  for (const name of Object.keys(handlers)) {
    sdk[`${name}Command`] = Object.defineProperty(
      class {
        constructor(readonly input: Record<string, unknown>) {}
      },
      'name',
      { value: `${name}Command` },
    );
  }
  return { sdk, made, sent };
}

function dependencies(packages: Record<string, Record<string, unknown>>, overrides: Partial<V2RequestDependencies> = {}) {
  const clients = new AwsClients(() => ({ region: 'eu-west-1', providerCredentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' } }), { env: {} });
  const loadPackage: SdkPackageLoader = (name) => packages[name];
  return { clients, loadPackage, callingPlugin: () => 'serverless-prune-plugin', serviceDir: () => '/work/svc', ...overrides };
}

describe('provider.request against a mocked SDK client', () => {
  test('maps the v2 service and method onto the client and command; the output loses $metadata', async () => {
    const lambda = fakeSdk('LambdaClient', { ListVersionsByFunction: () => ({ $metadata: { httpStatusCode: 200 }, Versions: [{ Version: '$LATEST' }, { Version: '1' }] }) });
    const request = createV2Request(dependencies({ '@aws-sdk/client-lambda': lambda.sdk }));
    await expect(request('Lambda', 'listVersionsByFunction', { FunctionName: 'svc-dev-hello' })).resolves.toEqual({ Versions: [{ Version: '$LATEST' }, { Version: '1' }] });
    expect(lambda.sent).toEqual([{ command: 'ListVersionsByFunction', input: { FunctionName: 'svc-dev-hello' }, region: 'eu-west-1' }]);
    // The run's credentials and retry settings, as every other client of the provider.
    expect(lambda.made[0]!.config).toMatchObject({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIA' }, maxAttempts: 5, retryMode: 'standard' });
  });

  test('bytes come back as Buffers, as v2 gave them (Lambda invoke Payload, S3 getObject Body)', async () => {
    const lambda = fakeSdk('LambdaClient', { Invoke: () => ({ StatusCode: 200, Payload: new Uint8Array(Buffer.from('{"ok":true}')) }) });
    const s3 = fakeSdk('S3Client', {
      GetObject: () => ({ Body: Object.assign(Readable.from([]), { transformToByteArray: async () => new Uint8Array([104, 105]) }), ContentLength: 2 }),
    });
    const request = createV2Request(dependencies({ '@aws-sdk/client-lambda': lambda.sdk, '@aws-sdk/client-s3': s3.sdk }));
    const invoked = (await request('Lambda', 'invoke', { FunctionName: 'f', Payload: '{}' })) as { Payload: Buffer };
    expect(Buffer.isBuffer(invoked.Payload)).toBe(true);
    expect(JSON.parse(invoked.Payload.toString())).toEqual({ ok: true });
    const object = (await request('S3', 'getObject', { Bucket: 'b', Key: 'k' })) as { Body: Buffer };
    expect(object.Body).toEqual(Buffer.from('hi'));
  });

  test('errors are v2-shaped: code AWS_<SERVICE>_<METHOD>_<CODE>, providerError with the AWS code, status and retryable', async () => {
    const cloudFormation = fakeSdk('CloudFormationClient', {
      DescribeStacks: () => {
        throw awsError('ValidationError', 'Stack with id nope does not exist');
      },
    });
    const request = createV2Request(dependencies({ '@aws-sdk/client-cloudformation': cloudFormation.sdk }));
    const error = (await request('CloudFormation', 'describeStacks', { StackName: 'nope' }).catch((caught: unknown) => caught)) as Record<string, any>;
    expect(isStratusError(error)).toBe(true);
    expect(error.name).toBe('ServerlessError');
    expect(error.code).toBe('AWS_CLOUD_FORMATION_DESCRIBE_STACKS_VALIDATION_ERROR');
    expect(error.message).toBe('Stack with id nope does not exist');
    expect(error.statusCode).toBe(400);
    expect(error.providerErrorCodeExtension).toBe('VALIDATION_ERROR');
    expect(error.providerErrorCodeExtended).toBe('VALIDATION_ERROR');
    expect(error.providerError).toMatchObject({ code: 'ValidationError', message: 'Stack with id nope does not exist', statusCode: 400, retryable: false });
    expect(error.providerError).toBeInstanceOf(Error);
  });

  test('a throttled or server-side failure is marked retryable; missing credentials are AWS_CREDENTIALS_NOT_FOUND', async () => {
    const lambda = fakeSdk('LambdaClient', {
      ListAliases: () => {
        throw awsError('TooManyRequestsException', 'Rate exceeded', 429);
      },
      GetFunction: () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
      },
    });
    const request = createV2Request(dependencies({ '@aws-sdk/client-lambda': lambda.sdk }));
    await expect(request('Lambda', 'listAliases', {})).rejects.toMatchObject({ code: 'AWS_LAMBDA_LIST_ALIASES_TOO_MANY_REQUESTS_EXCEPTION', providerError: { retryable: true, statusCode: 429 } });
    await expect(request('Lambda', 'getFunction', {})).rejects.toMatchObject({ code: 'AWS_CREDENTIALS_NOT_FOUND', providerError: { retryable: false } });
  });

  test('useCache memoises identical calls (a failure is asked again); region picks another region', async () => {
    let count = 0;
    let fail = true;
    const sts = fakeSdk('STSClient', {
      GetCallerIdentity: () => ({ Account: String(++count) }),
      GetSessionToken: () => {
        if (fail) {
          fail = false;
          throw awsError('InternalFailure', 'boom', 500);
        }
        return { Credentials: {} };
      },
    });
    const request = createV2Request(dependencies({ '@aws-sdk/client-sts': sts.sdk }));
    await expect(request('STS', 'getCallerIdentity', {}, { useCache: true })).resolves.toEqual({ Account: '1' });
    await expect(request('STS', 'getCallerIdentity', {}, { useCache: true })).resolves.toEqual({ Account: '1' });
    await expect(request('STS', 'getCallerIdentity', {})).resolves.toEqual({ Account: '2' });
    await expect(request('STS', 'getSessionToken', {}, { useCache: true })).rejects.toMatchObject({ providerError: { retryable: true } });
    await expect(request('STS', 'getSessionToken', {}, { useCache: true })).resolves.toEqual({ Credentials: {} });
    await request('STS', 'getCallerIdentity', {}, { region: 'ap-south-1' });
    expect(sts.sent.at(-1)!.region).toBe('ap-south-1');
    expect(sts.made.map(({ config }) => config.region)).toEqual(['eu-west-1', 'ap-south-1']);
  });

  test('a client package installed nowhere fails clearly, naming the plugin, the call and the npm command (as a rejection)', async () => {
    const request = createV2Request(dependencies({}));
    const pending = request('Kafka', 'listClusters', {});
    expect(pending).toBeInstanceOf(Promise);
    const error = (await pending.catch((caught: unknown) => caught)) as { code: string; message: string; hint: string };
    expect(error.code).toBe('AWS_SDK_CLIENT_NOT_INSTALLED');
    expect(error.message).toBe(
      "Plugin \"serverless-prune-plugin\" called provider.request('Kafka', 'listClusters'), which needs @aws-sdk/client-kafka: Stratus does not ship it and the service (/work/svc) does not have it installed.",
    );
    expect(error.hint).toContain('npm install -D @aws-sdk/client-kafka');
  });

  test('an unknown method, or one only SDK v2 had, is named', async () => {
    const lambda = fakeSdk('LambdaClient', {});
    const request = createV2Request(dependencies({ '@aws-sdk/client-lambda': lambda.sdk }, { callingPlugin: () => undefined }));
    await expect(request('Lambda', 'waitFor', {})).rejects.toMatchObject({
      code: 'AWS_REQUEST_UNKNOWN_METHOD',
      message: "A plugin called provider.request('Lambda', 'waitFor'), but @aws-sdk/client-lambda has no WaitForCommand.",
    });
  });

  test("S3 upload (v2's managed upload) is a PutObject; a streamed body is read whole; the result has Location", async () => {
    const s3 = fakeSdk('S3Client', { PutObject: () => ({ $metadata: {}, ETag: '"abc"' }) });
    const request = createV2Request(dependencies({ '@aws-sdk/client-s3': s3.sdk }));
    const result = await request('S3', 'upload', { Bucket: 'bucket', Key: 'dir/a b.txt', Body: Readable.from([Buffer.from('he'), Buffer.from('llo')]) });
    expect(s3.sent[0]).toMatchObject({ command: 'PutObject', input: { Bucket: 'bucket', Key: 'dir/a b.txt', Body: Buffer.from('hello') } });
    expect(result).toMatchObject({ ETag: '"abc"', Bucket: 'bucket', Key: 'dir/a b.txt', key: 'dir/a b.txt' });
    expect((result as { Location: string }).Location).toMatch(/bucket.*dir\/a%20b\.txt$/);
  });
});

describe('provider.request on the real SDK package', () => {
  let server: Server;
  let endpoint: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url?.startsWith('/2015-03-31/functions/svc-dev-hello/versions')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ Versions: [{ FunctionName: 'svc-dev-hello', Version: '$LATEST' }] }));
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException', 'x-amzn-requestid': 'req-1' });
      response.end(JSON.stringify({ Type: 'User', Message: 'Function not found: nope' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.AWS_ENDPOINT_URL = endpoint;
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });

  test('@aws-sdk/client-lambda loads from the CLI dependencies and honours AWS_ENDPOINT_URL', async () => {
    const request = createV2Request(dependencies({}, { loadPackage: createSdkPackageLoader(() => undefined) }));
    await expect(request('Lambda', 'listVersionsByFunction', { FunctionName: 'svc-dev-hello' })).resolves.toEqual({
      Versions: [{ FunctionName: 'svc-dev-hello', Version: '$LATEST' }],
    });
    await expect(request('Lambda', 'getFunction', { FunctionName: 'nope' })).rejects.toMatchObject({
      code: 'AWS_LAMBDA_GET_FUNCTION_RESOURCE_NOT_FOUND_EXCEPTION',
      message: 'Function not found: nope',
      providerError: { code: 'ResourceNotFoundException', statusCode: 404, requestId: 'req-1' },
    });
  });
});
