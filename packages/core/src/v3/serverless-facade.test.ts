import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isStratusError } from '../errors/stratus-error';
import { createTestHost } from '../plugins/test-host';
import { ServerlessError } from './serverless-error';
import { addV3Plugin, addV3PluginNow, type V3PluginClass } from './v3-plugin-adapter';

type Facade = Record<string, any>;

/** A v3 plugin that hands its constructor arguments to the test. */
function capturingPlugin(): { Plugin: V3PluginClass; got: { serverless?: Facade; options?: Record<string, unknown>; utils?: Facade } } {
  const got: { serverless?: Facade; options?: Record<string, unknown>; utils?: Facade } = {};
  class Capture {
    constructor(serverless: unknown, options: Record<string, unknown>, utils: Record<string, unknown>) {
      Object.assign(got, { serverless, options, utils });
    }
  }
  return { Plugin: Capture as unknown as V3PluginClass, got };
}

async function facadeFor(configuration: Record<string, unknown>, options: Record<string, unknown> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-facade-'));
  const setup = await createTestHost({ service: 'svc', provider: { name: 'aws', stage: 'dev' }, ...configuration }, dir, options);
  const { Plugin, got } = capturingPlugin();
  await addV3Plugin(setup.host, Plugin, 'capture-plugin', true);
  return { ...setup, dir, serverless: got.serverless as Facade, utils: got.utils as Facade, options: got.options };
}

describe('serverless.service', () => {
  const functions = {
    hello: { handler: 'h.hello', name: 'svc-dev-hello', events: [{ http: { path: '/', method: 'get' } }, { schedule: 'rate(1 hour)' }] },
    other: { handler: 'h.other' },
  };

  test('names, functions and events, as v3', async () => {
    const { serverless } = await facadeFor({ functions });
    const service = serverless.service;
    expect(service.service).toBe('svc');
    expect(service.getServiceName()).toBe('svc');
    expect(service.serviceObject).toEqual({ name: 'svc' });
    expect(service.getServiceObject()).toEqual({ name: 'svc' });
    expect(service.getAllFunctions()).toEqual(['hello', 'other']);
    expect(service.getFunction('hello')).toBe(functions.hello);
    expect(service.getAllEventsInFunction('hello')).toHaveLength(2);
    expect(service.getEventInFunction('schedule', 'hello')).toEqual({ schedule: 'rate(1 hour)' });
    expect(() => service.getFunction('nope')).toThrow(expect.objectContaining({ code: 'FUNCTION_MISSING_IN_SERVICE', message: 'Function "nope" doesn\'t exist in this Service' }));
    expect(() => service.getEventInFunction('sns', 'hello')).toThrow(expect.objectContaining({ code: 'EVENT_MISSING_FOR_FUNCTION' }));
  });

  test('setFunctionNames gives every function its events and deployed name; getAllFunctionsNames lists them', async () => {
    const { serverless } = await facadeFor({ functions: structuredClone(functions) });
    serverless.service.setFunctionNames({ stage: 'prod' });
    expect(serverless.service.getFunction('other')).toEqual({ handler: 'h.other', events: [], name: 'svc-prod-other' });
    expect(serverless.service.getAllFunctionsNames()).toEqual(['svc-dev-hello', 'svc-prod-other']);
  });

  test('provider, custom, package, functions, resources, layers are the live configuration', async () => {
    const configuration: Record<string, any> = { custom: { a: 1 }, resources: { Resources: {} }, layers: { deps: { path: 'layer' } } };
    const { serverless, host } = await facadeFor(configuration);
    const service = serverless.service;
    expect(service.provider).toBe(host.service.configuration.provider);
    service.provider.environment = { FROM_PLUGIN: '1' };
    expect((host.service.configuration.provider as any).environment).toEqual({ FROM_PLUGIN: '1' });
    expect(service.custom).toEqual({ a: 1 });
    service.package.artifact = 'build/svc.zip';
    expect((host.service.configuration.package as any).artifact).toBe('build/svc.zip');
    service.functions.added = { handler: 'a.b', events: [] };
    expect(service.getAllFunctions()).toEqual(['added']);
    expect(service.resources).toEqual({ Resources: {} });
    expect(service.getAllLayers()).toEqual(['deps']);
    expect(service.getLayer('deps')).toEqual({ path: 'layer' });
    expect(() => service.getLayer('nope')).toThrow(expect.objectContaining({ code: 'LAYER_MISSING_IN_SERVICE' }));
    service.update({ custom: { b: 2 } });
    expect(host.service.configuration.custom).toEqual({ a: 1, b: 2 });
    service.publish({ x: 1 });
    expect(service.pluginsData).toEqual({ x: 1 });
  });

  test('a service without layers reports none and does not grow a layers key', async () => {
    const { serverless, host } = await facadeFor({});
    expect(serverless.service.getAllLayers()).toEqual([]);
    expect('layers' in host.service.configuration).toBe(false);
  });
});

describe('serverless.config', () => {
  test('servicePath is an alias of serviceDir that a plugin may repoint; config.serviceDir stays', async () => {
    const { serverless, dir } = await facadeFor({}, { stage: 'qa', region: 'eu-west-1' });
    expect(serverless.config.servicePath).toBe(dir);
    serverless.config.servicePath = path.join(dir, '.build');
    expect(serverless.serviceDir).toBe(path.join(dir, '.build'));
    expect(serverless.config.serviceDir).toBe(dir);
    expect(serverless.config.stage).toBe('qa');
    expect(serverless.config.region).toBe('eu-west-1');
    expect(typeof serverless.config.serverlessPath).toBe('string');
  });
});

describe('serverless.utils', () => {
  test('read, write (creating folders), append, exists, walk and copy', async () => {
    const { serverless, dir } = await facadeFor({});
    const utils = serverless.utils;
    const file = (...parts: string[]) => path.join(dir, ...parts);

    utils.writeFileSync(file('a', 'b', 'data.json'), { x: [1] });
    expect(utils.readFileSync(file('a', 'b', 'data.json'))).toEqual({ x: [1] });
    utils.writeFileSync(file('a', 'conf.yml'), { y: 'z' });
    expect(utils.readFileSync(file('a', 'conf.yml'))).toEqual({ y: 'z' });
    writeFileSync(file('cfn.yml'), 'Value: !Ref Bucket\n');
    expect(utils.readFileSync(file('cfn.yml'))).toEqual({ Value: { Ref: 'Bucket' } });
    utils.writeFileSync(file('text.txt'), '  hello  \n');
    expect(utils.readFileSync(file('text.txt'))).toBe('hello');
    utils.writeFileSync(file('bytes.bin'), Buffer.from([1, 2, 3]));
    expect(utils.fileExistsSync(file('bytes.bin'))).toBe(true);

    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    utils.writeFileSync(file('cyclic.json'), cyclic, true);
    expect(utils.readFileSync(file('cyclic.json'))).toEqual({ name: 'c', self: '[Circular]' });

    await utils.writeFile(file('deep', 'er', 'async.json'), { ok: true });
    expect(await utils.readFile(file('deep', 'er', 'async.json'))).toEqual({ ok: true });
    await utils.appendFileSync(file('log', 'out.txt'), 'one\n');
    await utils.appendFileSync(file('log', 'out.txt'), 'two\n');
    expect(utils.readFileSync(file('log', 'out.txt'))).toBe('one\ntwo');

    expect(utils.fileExistsSync(file('a'))).toBe(false);
    expect(utils.dirExistsSync(file('a'))).toBe(true);
    expect(utils.dirExistsSync(file('nope'))).toBe(false);
    expect(utils.walkDirSync(file('a')).sort()).toEqual([file('a', 'b', 'data.json'), file('a', 'conf.yml')]);
    utils.copyDirContentsSync(file('a'), file('copy'));
    expect(utils.readFileSync(file('copy', 'b', 'data.json'))).toEqual({ x: [1] });
    expect(utils.dirExistsSync(utils.getTmpDirPath())).toBe(true);
  });

  test('getVersion, generateShortId and isEventUsed', async () => {
    const { serverless } = await facadeFor({});
    expect(serverless.utils.getVersion()).toBe('3.40.0');
    expect(serverless.getVersion()).toBe('3.40.0');
    expect(serverless.utils.generateShortId(8)).toMatch(/^[0-9a-z]{8}$/);
    expect(serverless.utils.isEventUsed({ f: { events: [{ http: {} }] } }, 'http')).toBe(true);
    expect(serverless.utils.isEventUsed({ f: { events: [{ http: {} }] } }, 'sns')).toBe(false);
  });
});

describe('serverless.classes and the rest of the root object', () => {
  test('classes.Error is a user error (ServerlessError, a StratusError) with v3 arguments', async () => {
    const { serverless } = await facadeFor({});
    expect(serverless.classes.Error).toBe(ServerlessError);
    const error = new serverless.classes.Error('Bad input', 'BAD_INPUT');
    expect(error).toBeInstanceOf(ServerlessError);
    expect(isStratusError(error) && error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('Bad input');
  });

  test('getProvider is false for a missing provider; flags and paths v3 plugins read', async () => {
    const { serverless } = await facadeFor({});
    expect(serverless.getProvider('nope')).toBe(false);
    expect(serverless.isStandaloneExecutable).toBe(false);
    expect(serverless.isLocallyInstalled).toBe(false);
    expect(serverless.serverlessDirPath).toBe(path.join(os.homedir(), '.serverless'));
    expect(serverless.triggeredDeprecations).toBeInstanceOf(Set);
    expect(serverless.cli.loadedPlugins).toContainEqual(expect.objectContaining({ constructor: expect.any(Function) }));
    serverless.cli.log('legacy log line');
    expect(serverless.processedInput.commands).toEqual([]);
    expect(serverless.variables.service.service).toBe('svc');
    expect(serverless.service.serverless.version).toBe('3.40.0');
    expect(await serverless.yamlParser.parse(path.join(__dirname, '..', '..', 'package.json'))).toMatchObject({ name: '@stratus/core' });
  });

  test('addServiceOutputSection refuses a section twice', async () => {
    const { serverless } = await facadeFor({});
    serverless.addServiceOutputSection('domain', ['a.example.com']);
    expect(serverless.servicePluginOutputs.get('domain')).toEqual(['a.example.com']);
    expect(() => serverless.addServiceOutputSection('domain', 'b')).toThrow(/already defined/);
  });
});

describe('the third constructor argument', () => {
  test('plugins listed in "plugins:" get { log, writeText, progress }; built-ins get {}', async () => {
    const { host, stdout, stderr } = await createTestHost({ service: 'svc', provider: { name: 'aws' } }, os.tmpdir(), {});
    const external = capturingPlugin();
    const builtIn = capturingPlugin();
    await addV3Plugin(host, external.Plugin, 'external-plugin', true);
    await addV3Plugin(host, builtIn.Plugin, 'builtin-plugin', false);
    expect(builtIn.got.utils).toEqual({});
    const { log, writeText, progress } = external.got.utils as Facade;
    log('notice line');
    log.warning('careful');
    log.get('sub').notice('from a sub-logger');
    writeText('to stdout');
    progress.create({ message: 'working', name: 'p' });
    progress.get('p').update('still working');
    progress.get('p').remove();
    expect(stdout.join('')).toBe('to stdout\n');
    expect(stderr.join('')).toContain('notice line');
    expect(stderr.join('')).toContain('Warning: careful');
    expect(stderr.join('')).toContain('from a sub-logger');
  });
});

describe('serverless.pluginManager', () => {
  test('spawn runs an entry point of the plugin; hooks and getHooks list the hooks in run order', async () => {
    const { host } = await createTestHost({ service: 'svc', provider: { name: 'aws' } }, os.tmpdir(), {});
    const calls: string[] = [];
    let serverless: Facade = {};
    class Spawner {
      commands = { mine: { type: 'entrypoint', lifecycleEvents: ['run'] }, visible: { usage: 'v', lifecycleEvents: ['go'] } };
      hooks = {
        'mine:run': () => calls.push('mine:run'),
        'visible:go': async () => {
          await serverless.pluginManager.spawn('mine');
          calls.push('visible:go');
        },
      };
      constructor(sls: Facade) {
        serverless = sls;
      }
    }
    await addV3Plugin(host, Spawner as unknown as V3PluginClass, 'spawner', true);
    await host.engine.run(host.engine.commands.find(['visible'])!);
    expect(calls).toEqual(['mine:run', 'visible:go']);

    const manager = serverless.pluginManager;
    expect(manager.hooks['mine:run']).toEqual([{ pluginName: 'spawner', hook: expect.any(Function) }]);
    expect(manager.getHooks(['mine:run'])).toHaveLength(1);
    expect(manager.plugins).toContainEqual(expect.any(Spawner));
    expect(manager.getPlugins()).toEqual(manager.plugins);
    expect(manager.externalPlugins.has(manager.plugins.find((plugin: unknown) => plugin instanceof Spawner))).toBe(true);
    expect(manager.commands.mine).toMatchObject({ key: 'mine', pluginName: 'spawner', type: 'entrypoint', lifecycleEvents: ['run'] });
    expect(manager.getCommands().mine).toBeUndefined();
    expect(manager.getCommands().visible).toMatchObject({ usage: 'v' });
    expect(manager.cliOptions).toBe(host.service.options);
    expect(manager.parsePluginsObject(['a'])).toEqual({ modules: ['a'], localPath: path.join(os.tmpdir(), '.serverless_plugins') });
    expect(manager.parsePluginsObject({ modules: ['b'], localPath: 'x' })).toEqual({ modules: ['b'], localPath: 'x' });
  });

  test('addPlugin constructs another plugin now; its asyncInit runs with the one that added it', async () => {
    const { host } = await createTestHost({ service: 'svc', provider: { name: 'aws' } }, os.tmpdir(), {});
    const calls: string[] = [];
    class Inner {
      hooks = { 'package:initialize': () => calls.push('inner hook') };
      asyncInit() {
        calls.push('inner asyncInit');
      }
    }
    class Outer {
      constructor(serverless: Facade) {
        calls.push(`added ${serverless.pluginManager.addPlugin(Inner) instanceof Inner}`);
      }
      asyncInit() {
        calls.push('outer asyncInit');
      }
    }
    const init = await addV3Plugin(host, Outer as unknown as V3PluginClass, 'outer', true);
    await init?.();
    await host.engine.run(host.engine.commands.find(['package'])!);
    expect(calls).toEqual(['added true', 'outer asyncInit', 'inner asyncInit', 'inner hook']);
    expect(host.plugins.map((record) => record.name)).toEqual(expect.arrayContaining(['Inner', 'outer']));
  });
});

describe('serverless.configSchemaHandler', () => {
  test('every define* call is attributed to the plugin that makes it, in its constructor or later', async () => {
    const { host } = await createTestHost({ service: 'svc', provider: { name: 'aws' } }, os.tmpdir(), {});
    let serverless: Facade = {};
    class Definer {
      constructor(sls: Facade) {
        serverless = sls;
        sls.configSchemaHandler.defineTopLevelProperty('stepFunctions', { type: 'object' });
        sls.configSchemaHandler.defineCustomProperties({ properties: { prune: { type: 'object' } } });
        sls.configSchemaHandler.defineFunctionProperties('aws', { properties: { warmup: { type: 'boolean' } } });
        sls.configSchemaHandler.defineFunctionEvent('aws', 'myEvent', { type: 'object' });
        sls.configSchemaHandler.defineFunctionEventProperties('aws', 'myEvent', { properties: { extra: { type: 'string' } } });
      }
    }
    addV3PluginNow(host, Definer as unknown as V3PluginClass, 'definer', true);
    expect(() => host.schema.forOwner('other').defineTopLevelProperty('stepFunctions', { type: 'object' })).toThrow(/definer/);
    // Later (in a hook): still the plugin's name.
    serverless.configSchemaHandler.defineTopLevelProperty('late', { type: 'string' });
    expect(() => host.schema.forOwner('other').defineTopLevelProperty('late', { type: 'object' })).toThrow(/definer/);
    expect((serverless.configSchemaHandler.schema as { properties: Record<string, unknown> }).properties.stepFunctions).toEqual({ type: 'object' });
  });
});
