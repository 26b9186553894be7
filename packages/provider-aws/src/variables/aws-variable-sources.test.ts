import type { VariableSource, VariableSourceContext } from '@stratus/core';
import { awsError, fakeAwsClients, type FakeHandler } from '../aws/__fixtures__/fake-aws';
import { createAwsVariableSources } from './aws-variable-sources';

interface Setup {
  handlers?: Record<string, FakeHandler>;
  configuration?: Record<string, unknown>;
  options?: Record<string, unknown>;
}

function setup({ handlers = {}, configuration = { service: 'svc', provider: { name: 'aws', region: 'eu-west-1' } }, options = {} }: Setup = {}) {
  const fake = fakeAwsClients(handlers);
  const sources = createAwsVariableSources(fake.clients, { configuration, options });
  const resolve = async (type: string, address: string | null, params: unknown[] = []): Promise<unknown> => {
    const context: VariableSourceContext = {
      address,
      params,
      options,
      serviceDir: '/tmp/service',
      propertyPath: 'custom.x',
      resolveConfigurationProperty: async (path) => path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], configuration) ?? null,
      resolveVariable: async () => null,
      resolveVariablesInString: async (text) => text,
    };
    return (await (sources.get(type) as VariableSource).resolve(context)).value;
  };
  return { ...fake, sources, resolve };
}

/** GetParameters answering from a table of parameters; unknown names are reported invalid. */
function ssmTable(table: Record<string, { Type: string; Value: string }>): Record<string, FakeHandler> {
  const lookup = (name: string) => (table[name] ? { Name: name, ...table[name] } : undefined);
  return {
    GetParameters: (input) => {
      const names = input.Names as string[];
      return {
        Parameters: names.map(lookup).filter(Boolean),
        InvalidParameters: names.filter((name) => !table[name]),
      };
    },
    GetParameter: (input) => {
      const parameter = lookup(input.Name as string);
      if (!parameter) throw awsError('ParameterNotFound', '');
      return { Parameter: parameter };
    },
  };
}

it('creates cf, s3, ssm and aws sources', () => {
  expect([...setup().sources.keys()]).toEqual(['cf', 's3', 'ssm', 'aws']);
});

describe('ssm', () => {
  const table = {
    '/app/name': { Type: 'String', Value: 'hello' },
    '/app/list': { Type: 'StringList', Value: 'a,b,c' },
    '/app/secret': { Type: 'SecureString', Value: '{"user":"u","password":"p"}' },
    '/app/secret-text': { Type: 'SecureString', Value: 's3cret' },
    '/app/broken-json': { Type: 'SecureString', Value: '{not json' },
  };

  it('resolves String, StringList (array) and SecureString (JSON parsed)', async () => {
    const { resolve } = setup({ handlers: ssmTable(table) });
    expect(await resolve('ssm', '/app/name')).toBe('hello');
    expect(await resolve('ssm', '/app/list')).toEqual(['a', 'b', 'c']);
    expect(await resolve('ssm', '/app/secret')).toEqual({ user: 'u', password: 'p' });
    expect(await resolve('ssm', '/app/secret-text')).toBe('s3cret');
    expect(await resolve('ssm', '/app/broken-json')).toBe('{not json');
  });

  it('returns the text with raw', async () => {
    const { resolve } = setup({ handlers: ssmTable(table) });
    expect(await resolve('ssm', '/app/list', ['raw'])).toBe('a,b,c');
    expect(await resolve('ssm', '/app/secret', ['raw'])).toBe('{"user":"u","password":"p"}');
  });

  it('is null when the parameter does not exist (fallbacks apply)', async () => {
    const { resolve } = setup({ handlers: ssmTable(table) });
    expect(await resolve('ssm', '/missing')).toBeNull();
  });

  it('decrypts by default; noDecrypt, ~false and a region param in any order', async () => {
    const { resolve, calls } = setup({ handlers: ssmTable(table) });
    await resolve('ssm', '/app/name');
    await resolve('ssm', '/app/secret', ['noDecrypt', 'us-west-2']);
    await resolve('ssm', '/app/list', ['raw', 'ap-south-1', 'noDecrypt']);
    await resolve('ssm', '/app/name~false');
    await resolve('ssm', '/app/secret-text~true');
    expect(calls.map(({ region, input }) => [region, input.WithDecryption, input.Names])).toEqual([
      ['eu-west-1', true, ['/app/name']],
      ['us-west-2', false, ['/app/secret']],
      ['ap-south-1', false, ['/app/list']],
      ['eu-west-1', false, ['/app/name']],
      ['eu-west-1', true, ['/app/secret-text']],
    ]);
  });

  it('uses --region, then provider.region, then us-east-1', async () => {
    const withOption = setup({ handlers: ssmTable(table), options: { region: 'ca-central-1' } });
    await withOption.resolve('ssm', '/app/name');
    expect(withOption.calls[0]?.region).toBe('ca-central-1');
    const withoutRegion = setup({ handlers: ssmTable(table), configuration: { service: 'svc', provider: { name: 'aws' } } });
    await withoutRegion.resolve('ssm', '/app/name');
    expect(withoutRegion.calls[0]?.region).toBe('us-east-1');
  });

  it('batches 3 lookups of one pass into 1 GetParameters call', async () => {
    const { resolve, calls } = setup({ handlers: ssmTable(table) });
    const values = await Promise.all([resolve('ssm', '/app/name'), resolve('ssm', '/app/list'), resolve('ssm', '/app/secret-text')]);
    expect(values).toEqual(['hello', ['a', 'b', 'c'], 's3cret']);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ operation: 'GetParameters', input: { Names: ['/app/name', '/app/list', '/app/secret-text'], WithDecryption: true } });
  });

  it('sends 12 names as 2 calls (10 + 2), and groups by region and decryption', async () => {
    const many: Record<string, { Type: string; Value: string }> = {};
    for (let index = 0; index < 12; index += 1) many[`/p/${index}`] = { Type: 'String', Value: `v${index}` };
    const { resolve, calls } = setup({ handlers: ssmTable(many) });
    const values = await Promise.all(Object.keys(many).map((name) => resolve('ssm', name)));
    expect(values).toEqual(Object.values(many).map((parameter) => parameter.Value));
    expect(calls.map((call) => (call.input.Names as string[]).length)).toEqual([10, 2]);

    const grouped = setup({ handlers: ssmTable(many) });
    await Promise.all([
      grouped.resolve('ssm', '/p/0'),
      grouped.resolve('ssm', '/p/1'),
      grouped.resolve('ssm', '/p/2', ['us-west-2']),
      grouped.resolve('ssm', '/p/3', ['noDecrypt']),
    ]);
    expect(grouped.calls.map(({ region, input }) => [region, input.WithDecryption, input.Names]).sort()).toEqual([
      ['eu-west-1', false, ['/p/3']],
      ['eu-west-1', true, ['/p/0', '/p/1']],
      ['us-west-2', true, ['/p/2']],
    ]);
  });

  it('asks once for identical lookups, within a pass and across passes', async () => {
    const { resolve, calls } = setup({ handlers: ssmTable(table) });
    await Promise.all([resolve('ssm', '/app/name'), resolve('ssm', '/app/name'), resolve('ssm', '/app/name', ['raw'])]);
    await resolve('ssm', '/app/name');
    await resolve('ssm', '/missing');
    await resolve('ssm', '/missing');
    expect(calls.map((call) => call.input.Names)).toEqual([['/app/name'], ['/missing']]);
  });

  it('asks each name alone when one of them makes the batch fail, so each gets its own answer', async () => {
    const handlers = ssmTable(table);
    const single = handlers.GetParameter!;
    const { resolve, calls } = setup({
      handlers: {
        GetParameters: (input) => {
          if ((input.Names as string[]).includes('/forbidden')) throw awsError('AccessDeniedException', 'not authorized to perform: ssm:GetParameters');
          return handlers.GetParameters!(input, calls[0]!);
        },
        GetParameter: (input, call) => {
          if (input.Name === '/forbidden') throw awsError('AccessDeniedException', 'User is not authorized to perform: ssm:GetParameter on resource: /forbidden');
          return single(input, call);
        },
      },
    });
    const results = await Promise.allSettled([resolve('ssm', '/app/name'), resolve('ssm', '/forbidden'), resolve('ssm', '/missing')]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'hello' });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'AWS_S_S_M_GET_PARAMETER_ACCESS_DENIED_EXCEPTION' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: null });
    expect(calls.map((call) => call.operation)).toEqual(['GetParameters', 'GetParameter', 'GetParameter', 'GetParameter']);
  });

  it('fails every lookup of a batch with the mapped error when the whole call fails', async () => {
    const { resolve } = setup({ handlers: { GetParameters: () => Promise.reject(awsError('ExpiredTokenException', 'The security token included in the request is expired', 400)) } });
    const results = await Promise.allSettled([resolve('ssm', '/a'), resolve('ssm', '/b')]);
    for (const result of results) expect(result).toMatchObject({ status: 'rejected', reason: { code: 'AWS_S_S_M_GET_PARAMETERS_EXPIRED_TOKEN_EXCEPTION' } });
  });

  it('matches versioned names and ARNs, asking alone for a name answered in another spelling', async () => {
    const arn = 'arn:aws:ssm:eu-west-1:123:parameter/app/name';
    const { resolve, calls } = setup({
      handlers: {
        GetParameters: () => ({
          Parameters: [
            { Name: '/app/versioned', Selector: ':2', Type: 'String', Value: 'v2' },
            { Name: '/app/name', ARN: arn, Type: 'String', Value: 'by-arn' },
          ],
          InvalidParameters: [],
        }),
        GetParameter: (input) => ({ Parameter: { Name: input.Name, Type: 'String', Value: 'alone' } }),
      },
    });
    expect(await Promise.all([resolve('ssm', '/app/versioned:2'), resolve('ssm', arn), resolve('ssm', 'odd')])).toEqual(['v2', 'by-arn', 'alone']);
    expect(calls.map((call) => call.operation)).toEqual(['GetParameters', 'GetParameter']);
  });

  it('refuses an empty name and unknown params', async () => {
    const { resolve } = setup({ handlers: ssmTable(table) });
    await expect(resolve('ssm', '')).rejects.toMatchObject({ code: 'VARIABLES_MISSING_ADDRESS' });
    await expect(resolve('ssm', '/app/name', ['us-east-1', 'eu-west-1'])).rejects.toMatchObject({ code: 'VARIABLES_INVALID_SSM_PARAM' });
  });
});

describe('cf', () => {
  const stacks: Record<string, FakeHandler> = {
    DescribeStacks: (input) => {
      if (input.StackName === 'gone') throw awsError('ValidationError', 'Stack with id gone does not exist');
      if (input.StackName === 'forbidden') throw awsError('AccessDenied', 'User is not authorized to perform: cloudformation:DescribeStacks', 403);
      return { Stacks: [{ StackName: input.StackName, Outputs: [{ OutputKey: 'Url', OutputValue: 'https://x' }, { OutputKey: 'Arn', OutputValue: 'arn:1' }] }] };
    },
  };

  it('resolves a stack output, one DescribeStacks per stack and region', async () => {
    const { resolve, calls } = setup({ handlers: stacks });
    expect(await Promise.all([resolve('cf', 'other-dev.Url'), resolve('cf', 'other-dev.Arn')])).toEqual(['https://x', 'arn:1']);
    expect(await resolve('cf', 'other-dev.Url')).toBe('https://x');
    expect(calls).toEqual([{ service: 'cloudFormation', region: 'eu-west-1', operation: 'DescribeStacks', input: { StackName: 'other-dev' } }]);
  });

  it('takes a region param', async () => {
    const { resolve, calls } = setup({ handlers: stacks });
    expect(await resolve('cf', 'other-dev.Url', ['us-west-2'])).toBe('https://x');
    expect(calls[0]?.region).toBe('us-west-2');
  });

  it('is null for a missing stack or output', async () => {
    const { resolve } = setup({ handlers: stacks });
    expect(await resolve('cf', 'gone.Url')).toBeNull();
    expect(await resolve('cf', 'other-dev.Nope')).toBeNull();
  });

  it('maps other errors and refuses a malformed address', async () => {
    const { resolve } = setup({ handlers: stacks });
    await expect(resolve('cf', 'forbidden.Url')).rejects.toMatchObject({ code: 'AWS_CLOUD_FORMATION_DESCRIBE_STACKS_ACCESS_DENIED' });
    await expect(resolve('cf', 'no-dot')).rejects.toMatchObject({ code: 'VARIABLES_INVALID_CF_ADDRESS' });
    await expect(resolve('cf', 'stack.')).rejects.toMatchObject({ code: 'VARIABLES_INVALID_CF_ADDRESS' });
  });
});

describe('s3', () => {
  const objects: Record<string, FakeHandler> = {
    GetObject: (input) => {
      if (input.Key === 'missing.txt') throw awsError('NoSuchKey', 'The specified key does not exist.', 404);
      if (input.Bucket === 'nobucket') throw awsError('NoSuchBucket', 'The specified bucket does not exist', 404);
      return { Body: { transformToString: async () => `body of ${input.Bucket}/${input.Key}` } };
    },
  };

  it('returns the body as text, read once', async () => {
    const { resolve, calls } = setup({ handlers: objects });
    expect(await resolve('s3', 'my-bucket/config/a.json')).toBe('body of my-bucket/config/a.json');
    expect(await resolve('s3', 'my-bucket/config/a.json')).toBe('body of my-bucket/config/a.json');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ service: 's3', region: 'eu-west-1', input: { Bucket: 'my-bucket', Key: 'config/a.json' } });
  });

  it('is null for a missing key, an error for a missing bucket or a bad address', async () => {
    const { resolve } = setup({ handlers: objects });
    expect(await resolve('s3', 'my-bucket/missing.txt')).toBeNull();
    await expect(resolve('s3', 'nobucket/a')).rejects.toMatchObject({ code: 'AWS_S3_GET_OBJECT_NO_SUCH_BUCKET' });
    await expect(resolve('s3', 'just-a-bucket')).rejects.toMatchObject({ code: 'VARIABLES_INVALID_S3_ADDRESS' });
  });
});

describe('aws', () => {
  it('resolves accountId once per run', async () => {
    const { resolve, calls } = setup({ handlers: { GetCallerIdentity: () => ({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/me' }) } });
    expect(await Promise.all([resolve('aws', 'accountId'), resolve('aws', 'accountId')])).toEqual(['123456789012', '123456789012']);
    expect(calls).toHaveLength(1);
  });

  it('resolves region: --region, provider.region, us-east-1', async () => {
    expect(await setup({ options: { region: 'sa-east-1' } }).resolve('aws', 'region')).toBe('sa-east-1');
    expect(await setup().resolve('aws', 'region')).toBe('eu-west-1');
    expect(await setup({ configuration: { service: 'svc', provider: { name: 'aws' } } }).resolve('aws', 'region')).toBe('us-east-1');
  });

  it('refuses other addresses with a suggestion', async () => {
    await expect(setup().resolve('aws', 'acountId')).rejects.toMatchObject({ code: 'UNSUPPORTED_AWS_SOURCE_ADDRESS', message: expect.stringContaining('Did you mean "accountId"?') });
  });
});
