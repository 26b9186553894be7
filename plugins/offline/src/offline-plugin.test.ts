import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer, type Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { HookHandler, PluginApi } from '@stratus/core';
import { offlinePlugin } from './offline-plugin';
import { startOffline } from './offline-server';
import { captureLogger, FIXTURE_DIR, fixtureConfiguration, request } from './test-support';

jest.setTimeout(60_000);

const PACKAGE_DIR = path.join(__dirname, '..');
const CLI = path.join(PACKAGE_DIR, '..', '..', 'packages', 'cli', 'bin', 'stratus.js');

function tempService(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-offline-'));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

/** A PluginApi with just what the plugin uses; hooks are kept to be run by the test. */
function fakeApi(configuration: Record<string, unknown>, options: Record<string, unknown>, serviceDir: string) {
  const hooks = new Map<string, HookHandler>();
  const commands: Record<string, unknown> = {};
  const { log, lines } = captureLogger();
  const api = {
    pluginName: offlinePlugin.name,
    service: { configuration, options, serviceDir, configFile: 'serverless.yml', commands: ['offline'] },
    log,
    hook: (id: string, handler: HookHandler) => hooks.set(id, handler),
    registerCommand: (name: string, definition: unknown) => {
      commands[name] = definition;
    },
  } as unknown as PluginApi;
  return { api, hooks, commands, lines };
}

function portOf(lines: string[]): number {
  const match = /Server ready: http:\/\/127\.0\.0\.1:(\d+)/.exec(lines.join(''));
  if (!match) throw new Error(`no ready line in ${lines.join('')}`);
  return Number(match[1]);
}

describe('the plugin', () => {
  it('declares offline, offline start and the functionsUpdated entry point', () => {
    const { api, commands } = fakeApi({}, {}, FIXTURE_DIR);
    offlinePlugin.apply(api);
    const offline = commands.offline as { lifecycleEvents: string[]; options: Record<string, { shortcut?: string }>; commands: Record<string, { lifecycleEvents: string[]; type?: string }> };
    expect(offline.lifecycleEvents).toEqual(['start']);
    expect(offline.commands.start!.lifecycleEvents).toEqual(['init', 'ready', 'end']);
    expect(offline.commands.functionsUpdated).toEqual({ type: 'entrypoint', lifecycleEvents: ['cleanup'] });
    expect(offline.options.host!.shortcut).toBe('o');
    expect(offline.options.noTimeout!.shortcut).toBe('t');
  });

  it('hot reload: an edited handler is served without a restart; offline:functionsUpdated reloads too', async () => {
    const dir = tempService();
    try {
      const { api, hooks, lines } = fakeApi(fixtureConfiguration(), { httpPort: '0', lambdaPort: '0', eventSourcesPort: '0', host: '127.0.0.1' }, dir);
      offlinePlugin.apply(api);
      await hooks.get('offline:start:init')!();
      const url = `http://127.0.0.1:${portOf(lines)}/dev/hello`;
      try {
        expect((await request(url)).json()).toEqual({ message: 'hello' });
        expect(lines.join('\n')).toContain('Offline [http for lambda] listening on http://127.0.0.1:');
        const file = path.join(dir, 'handlers.js');
        writeFileSync(file, readFileSync(file, 'utf8').replace("message: 'hello'", "message: 'edited'"));
        // The watcher drops warm instances; poll (bounded) until the edited code answers.
        let answer: unknown;
        for (let attempt = 0; attempt < 40; attempt += 1) {
          answer = (await request(url)).json();
          if ((answer as { message?: string }).message === 'edited') break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(answer).toEqual({ message: 'edited' });
        expect(lines.join('\n')).toContain('Reloading handlers');
        // Bundlers spawn offline:functionsUpdated after a rebuild: the next request loads fresh code.
        writeFileSync(file, readFileSync(file, 'utf8').replace("message: 'edited'", "message: 'rebuilt'"));
        await hooks.get('offline:functionsUpdated:cleanup')!();
        expect((await request(url)).json()).toEqual({ message: 'rebuilt' });
      } finally {
        await hooks.get('offline:start:end')!();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('options', () => {
  it('noAuth skips API keys and authorizers; custom.serverless-offline is read; a key is generated when none has a value', async () => {
    const configuration = fixtureConfiguration();
    (configuration.provider as Record<string, unknown>).apiGateway = { apiKeys: [{ name: 'no-value' }] };
    configuration.custom = { 'serverless-offline': { noAuth: true, prefix: 'api', host: '127.0.0.1' } };
    const { log, lines } = captureLogger();
    const server = await startOffline({ configuration, options: { httpPort: '0' }, serviceDir: FIXTURE_DIR, log });
    try {
      expect(server.options).toMatchObject({ noAuth: true, prefix: 'api', host: '127.0.0.1' });
      expect(server.apiKeys.size).toBe(1);
      expect(lines.join('')).toContain(`Key with token: '${[...server.apiKeys][0]}'`);
      expect((await request(`${server.url}/api/dev/private`)).status).toBe(200);
      expect((await request(`${server.url}/api/dev/guarded`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('a generated key is accepted; noPrependStageInUrl drops the stage', async () => {
    const configuration = fixtureConfiguration();
    delete (configuration.provider as Record<string, unknown>).apiGateway;
    const { log } = captureLogger();
    const server = await startOffline({ configuration, options: { httpPort: '0', host: '127.0.0.1', noPrependStageInUrl: true }, serviceDir: FIXTURE_DIR, log });
    try {
      const key = [...server.apiKeys][0]!;
      expect((await request(`${server.url}/private`)).status).toBe(403);
      expect((await request(`${server.url}/private`, { headers: { 'x-api-key': key } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('localEnvironment passes the host environment to handlers; terminateIdleLambdaTime sets the instances\' idle life', async () => {
    process.env.STRATUS_OFFLINE_HOST_VARIABLE = 'from-host';
    const { log } = captureLogger();
    const start = (options: Record<string, unknown>) => startOffline({ configuration: fixtureConfiguration(), options: { httpPort: '0', host: '127.0.0.1', ...options }, serviceDir: FIXTURE_DIR, log });
    try {
      for (const [options, expected] of [[{}, undefined], [{ localEnvironment: true }, 'from-host']] as const) {
        const server = await start(options);
        try {
          expect((await request(`${server.url}/dev/echo/1`)).json().hostVariable).toBe(expected);
        } finally {
          await server.close();
        }
      }
      const server = await start({ terminateIdleLambdaTime: '0.2' });
      try {
        expect(server.options.terminateIdleLambdaTime).toBe(0.2);
        const calls = async (): Promise<unknown> => (await request(`${server.url}/dev/echo/1`)).json().calls;
        expect([await calls(), await calls()]).toEqual([1, 2]);
        // The instance is stopped after 0.2 s idle: the next call starts a new one (its module state is fresh).
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(await calls()).toBe(1);
      } finally {
        await server.close();
      }
      await expect(start({ terminateIdleLambdaTime: 'soon' })).rejects.toMatchObject({ code: 'OFFLINE_INVALID_OPTION', message: expect.stringContaining('terminateIdleLambdaTime') });
    } finally {
      delete process.env.STRATUS_OFFLINE_HOST_VARIABLE;
    }
  });

  it('httpsProtocol serves HTTPS with the folder\'s cert.pem and key.pem; a missing file is a clear error', async () => {
    const httpsDir = path.join(__dirname, '__fixtures__', 'https');
    const { log } = captureLogger();
    const server = await startOffline({ configuration: fixtureConfiguration(), options: { httpPort: '0', host: '127.0.0.1', httpsProtocol: httpsDir }, serviceDir: FIXTURE_DIR, log });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(path.join(httpsDir, 'cert.pem'));
      const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpsGet(`${server.url}/dev/echo/1`, { ca }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body).event.pathParameters).toEqual({ id: '1' });
    } finally {
      await server.close();
    }
    await expect(startOffline({ configuration: fixtureConfiguration(), options: { httpPort: '0', host: '127.0.0.1', httpsProtocol: 'no-such-dir' }, serviceDir: FIXTURE_DIR, log })).rejects.toMatchObject({
      code: 'OFFLINE_HTTPS_FILE',
      message: expect.stringContaining(path.join(FIXTURE_DIR, 'no-such-dir', 'cert.pem')),
      hint: expect.stringContaining('--httpsProtocol'),
    });
  });

  it('warns of custom.serverless-offline settings that do nothing here', async () => {
    const configuration = fixtureConfiguration();
    configuration.custom = { 'serverless-offline': { host: '127.0.0.1', useDocker: true, httpPrt: 4000 } };
    const { log, lines } = captureLogger();
    const server = await startOffline({ configuration, options: { httpPort: '0' }, serviceDir: FIXTURE_DIR, log });
    try {
      const output = lines.join('');
      expect(output).toContain('custom.serverless-offline.useDocker is not supported by stratus offline and is ignored: handlers run in worker threads');
      expect(output).toContain('custom.serverless-offline.httpPrt is not an option of stratus offline and is ignored (options: httpPort,');
      expect(output).not.toContain('custom.serverless-offline.host');
    } finally {
      await server.close();
    }
  });

  it('a taken port is a StratusError naming the port and the option', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { log } = captureLogger();
      await expect(startOffline({ configuration: fixtureConfiguration(), options: { httpPort: String(port), host: '127.0.0.1' }, serviceDir: FIXTURE_DIR, log })).rejects.toMatchObject({
        code: 'OFFLINE_PORT_IN_USE',
        message: expect.stringContaining(`Port ${port}`),
        hint: expect.stringContaining('--httpPort'),
      });
    } finally {
      blocker.close();
    }
  });
});

describe('through the CLI', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(PACKAGE_DIR, 'tsconfig.build.json')], { cwd: PACKAGE_DIR });
    dir = tempService();
    writeFileSync(path.join(dir, 'plugin.js'), `module.exports = require(${JSON.stringify(path.join(PACKAGE_DIR, 'dist', 'index.js'))});\n`);
    writeFileSync(path.join(dir, 'serverless.yml'), `${readFileSync(path.join(dir, 'serverless.yml'), 'utf8')}\nplugins:\n  - ./plugin.js\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `stratus offline start` in the service; resolves once the server prints its port. */
  async function startCli(): Promise<{ port: number; output: () => string; exited: Promise<number | null>; kill: (signal: NodeJS.Signals) => void }> {
    const child = spawn(process.execPath, [CLI, 'offline', 'start', '--httpPort', '0', '--lambdaPort', '0', '--eventSourcesPort', '0', '--host', '127.0.0.1'], { cwd: dir, env: { ...process.env, STRATUS_NO_CODE_CACHE: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 20_000);
      const check = (): void => {
        const match = /Server ready: http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      void exited.then(() => reject(new Error(`exited:\n${output}`)));
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
    return { port, output: () => output, exited, kill: (signal) => child.kill(signal) };
  }

  async function until(check: () => Promise<boolean>, what: () => string): Promise<void> {
    for (const start = Date.now(); !(await check()); ) {
      if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('stratus offline start serves requests and stops on SIGINT', async () => {
    const cli = await startCli();
    try {
      expect(cli.output()).toContain(`GET     | http://127.0.0.1:${cli.port}/dev/hello`);
      const reply = await request(`http://127.0.0.1:${cli.port}/dev/echo/9?q=1`);
      expect(reply.json().event.pathParameters).toEqual({ id: '9' });
      expect(reply.json().isOffline).toBe('true');
      cli.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    } finally {
      cli.kill('SIGKILL');
    }
  });

  it('a changed serverless.yml rebuilds the routes and environment; a broken one keeps the last good routes', async () => {
    const configPath = path.join(dir, 'serverless.yml');
    const original = readFileSync(configPath, 'utf8');
    const cli = await startCli();
    try {
      const base = `http://127.0.0.1:${cli.port}/dev`;
      expect((await request(`${base}/renamed/1`)).status).toBe(404);
      writeFileSync(configPath, original.replace('- http: ANY /echo/{id}', '- http: ANY /renamed/{id}').replace('  stage: dev\n', '  stage: dev\n  environment:\n    ADDED_BY_RELOAD: "yes"\n'));
      await until(async () => (await request(`${base}/renamed/1`)).status === 200, cli.output);
      const reply = await request(`${base}/renamed/1`);
      expect(reply.json().event.pathParameters).toEqual({ id: '1' });
      expect(reply.json().event.resource).toBe('/renamed/{id}');
      expect(reply.json().reloadedEnv).toBe('yes');
      expect((await request(`${base}/echo/1`)).status).toBe(404);
      expect(cli.output()).toContain('serverless.yml changed: routes rebuilt.');

      writeFileSync(configPath, original.replace('- http: ANY /echo/{id}', '- http: ANY /${env:STRATUS_TEST_SURELY_UNSET}/{id}'));
      await until(async () => cli.output().includes('the routes were kept as they were'), cli.output);
      expect(cli.output()).toContain('STRATUS_TEST_SURELY_UNSET');
      expect((await request(`${base}/renamed/1`)).status).toBe(200);
      cli.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    } finally {
      cli.kill('SIGKILL');
      writeFileSync(configPath, original);
    }
  });
});
