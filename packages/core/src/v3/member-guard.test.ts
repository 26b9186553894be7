import os from 'node:os';
import { inspect } from 'node:util';
import { isStratusError } from '../errors/stratus-error';
import { createTestHost } from '../plugins/test-host';
import { ServerlessError } from './serverless-error';
import { v3ServerlessFor } from './plugin-view';
import { V3_MEMBERS, type V3Members } from './v3-members';

type Facade = Record<string, any>;

const PROVIDER_MEMBERS: V3Members = {
  members: ['getStage', 'whoIsCalling', 'sdk', 'naming'],
  hints: { sdk: 'Use request instead.' },
  children: { naming: { members: ['getOldName'] } },
};

/** A provider object as a provider package registers it, describing its v3 members. */
function fakeProvider(host: { callingPlugin: string | undefined }) {
  return {
    [V3_MEMBERS]: PROVIDER_MEMBERS,
    naming: { getStackName: () => 'svc-dev' },
    get serverless() {
      return (host as unknown as { serverless: unknown }).serverless;
    },
    getStage: () => 'dev',
    whoIsCalling: () => host.callingPlugin,
  };
}

async function setup() {
  const { host } = await createTestHost({ service: 'svc', provider: { name: 'aws' } }, os.tmpdir(), {});
  host.registerProvider('test', 'aws', fakeProvider(host));
  return { host, serverless: v3ServerlessFor(host, 'my-plugin') as Facade };
}

function thrown(work: () => unknown): { code?: string; message: string; hint?: string } {
  try {
    work();
  } catch (error) {
    expect(isStratusError(error)).toBe(true);
    return error as { code: string; message: string; hint: string };
  }
  throw new Error('expected an error');
}

describe('what a v3 plugin asks for that Stratus lacks', () => {
  test('a v3 method Stratus lacks throws, naming the plugin and the member, when called', async () => {
    const { serverless } = await setup();
    const init = serverless.init;
    expect(typeof init).toBe('function');
    const error = thrown(() => init());
    expect(error.code).toBe('PLUGIN_V3_API_NOT_IMPLEMENTED');
    expect(error.message).toBe('Plugin "my-plugin" used serverless.init, which Stratus does not implement.');
    expect(error.hint).toMatch(/lifecycle/);
    expect(thrown(() => serverless.pluginManager.loadAllPlugins([])).message).toContain('serverless.pluginManager.loadAllPlugins');
    expect(thrown(() => serverless.service.reloadServiceFileParam()).message).toContain('serverless.service.reloadServiceFileParam');
  });

  test('a v3 value Stratus lacks throws when used', async () => {
    const { serverless } = await setup();
    expect(thrown(() => serverless.pluginManager.aliases.foo).message).toContain('serverless.pluginManager.aliases');
    expect(thrown(() => `${serverless._commandsSchema}`).message).toContain('serverless._commandsSchema');
    // Looking at it (a debugger, util.inspect) is not using it.
    expect(() => inspect(serverless.pluginManager.aliases)).not.toThrow();
  });

  test('a name v3 never had is undefined, as in v3', async () => {
    const { serverless } = await setup();
    expect(serverless.notAV3Member).toBeUndefined();
    expect(serverless.service.alsoNot).toBeUndefined();
  });

  test('the provider is covered wherever the plugin reaches it, with its own member list', async () => {
    const { serverless } = await setup();
    const provider = serverless.getProvider('aws');
    expect(provider.getStage()).toBe('dev');
    expect(provider.naming.getStackName()).toBe('svc-dev');
    const sdk = thrown(() => provider.sdk.Lambda);
    expect(sdk.message).toBe('Plugin "my-plugin" used serverless.getProvider(\'aws\').sdk, which Stratus does not implement.');
    expect(sdk.hint).toBe('Use request instead.');
    expect(thrown(() => provider.naming.getOldName('x')).message).toContain("serverless.getProvider('aws').naming.getOldName");
    expect(provider.neverExisted).toBeUndefined();
    const other = await setup();
    expect(thrown(() => other.serverless.providers.aws.sdk.S3).message).toContain('serverless.providers.aws.sdk');
  });

  test('methods run as the plugin, so what they call can name it', async () => {
    const { serverless, host } = await setup();
    expect(serverless.getProvider('aws').whoIsCalling()).toBe('my-plugin');
    expect(host.callingPlugin).toBeUndefined();
    expect(host.getProvider<{ whoIsCalling: () => unknown }>('aws')!.whoIsCalling()).toBeUndefined();
  });

  test('the view keeps identities and shares writes with the facade', async () => {
    const { serverless, host } = await setup();
    expect(serverless.service).toBe(serverless.service);
    expect(serverless.getProvider('aws')).toBe(serverless.getProvider('aws'));
    expect(serverless.getProvider('aws').getStage).toBe(serverless.getProvider('aws').getStage);
    expect(serverless.pluginManager.serverless).toBe(serverless);
    expect(serverless.getProvider('aws').serverless).toBe(serverless);
    serverless.fromPlugin = 1;
    expect(host.serverless.fromPlugin).toBe(1);
    expect(serverless.classes.Error).toBe(ServerlessError);
    expect(new serverless.classes.Error('x')).toBeInstanceOf(ServerlessError);
  });
});
