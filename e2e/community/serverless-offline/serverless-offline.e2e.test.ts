/**
 * serverless-offline 13.10.1 (its newest 13.x, the line for Serverless v3), installed from npm into
 * a copy of service/ as a user would, runs under the built CLI: `stratus offline start` serves the
 * service's http event and the Lambda invoke API on 127.0.0.1, then stops on SIGINT with exit code 0.
 * The service lists `serverless-offline` itself under plugins (not @stratus/plugin-offline), and no
 * `serverless` package is installed: the plugin's peer dependency is left out (.npmrc).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePorts, isListening } from '../support/free-ports';
import { installService, INSTALL_TIMEOUT_MS, removeCopy, USER_ENV } from '../support/installed-service';
import { startStratus, type StratusProcess } from '../support/stratus-process';

const SERVICE = path.join(__dirname, 'service');
const PLUGIN_VERSION = '13.10.1';
const STARTUP_TIMEOUT_MS = 60_000;

let cwd: string | undefined;
let httpPort: number;
let lambdaPort: number;
let offline: StratusProcess | undefined;
/** Every CLI child started here, killed after the suite if a failed test left one running. */
const started: StratusProcess[] = [];

function startOffline(args: string[]): StratusProcess {
  const child = startStratus(args, { cwd: cwd as string, env: USER_ENV });
  started.push(child);
  return child;
}

beforeAll(async () => {
  cwd = await installService(SERVICE);
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
  for (const child of started) child.kill();
  removeCopy(cwd);
});

test(`serverless-offline ${PLUGIN_VERSION} is installed, without a serverless package`, () => {
  const modules = path.join(cwd as string, 'node_modules');
  const manifest = JSON.parse(readFileSync(path.join(modules, 'serverless-offline/package.json'), 'utf8')) as { version: string };
  expect(manifest.version).toBe(PLUGIN_VERSION);
  expect(existsSync(path.join(modules, 'serverless'))).toBe(false);
});

describe('stratus offline start', () => {
  beforeAll(async () => {
    [httpPort, lambdaPort] = (await freePorts(2)) as [number, number];
    // --verbose shows the plugin's info lines, among them the one it prints when the signal arrives.
    const args = ['offline', 'start', '--host', '127.0.0.1', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--noSponsor', '--verbose'];
    offline = startOffline(args);
    await offline.waitForOutput(/Server ready: http:\/\/127\.0\.0\.1:\d+/, STARTUP_TIMEOUT_MS);
  }, STARTUP_TIMEOUT_MS + 10_000);

  test("the plugin starts its servers and prints its own startup lines", () => {
    const output = (offline as StratusProcess).stderr();
    expect(output).toContain('Starting Offline at stage dev (us-east-1)');
    expect(output).toContain(`Offline [http for lambda] listening on http://127.0.0.1:${lambdaPort}`);
    expect(output).toContain('* hello: community-offline-dev-hello');
    expect(output).toContain(`Server ready: http://127.0.0.1:${httpPort}`);
  });

  test('a GET on the http route runs the Node handler with the lambda-proxy event', async () => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/dev/hello/world?lang=en`, { signal: AbortSignal.timeout(30_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      greeting: 'hello world',
      query: { lang: 'en' },
      path: '/hello/world',
      functionName: 'community-offline-dev-hello',
      isOffline: 'true',
      stage: 'dev',
    });
    expect((offline as StratusProcess).stderr()).toContain('GET /dev/hello/world (λ: hello)');
  });

  test('the Lambda invoke API on --lambdaPort runs the function by its deployed name', async () => {
    const response = await fetch(`http://127.0.0.1:${lambdaPort}/2015-03-31/functions/community-offline-dev-hello/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pathParameters: { name: 'invoker' } }),
      signal: AbortSignal.timeout(30_000),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ greeting: 'hello invoker', isOffline: 'true' });
  });

  test("a route the service lacks gets serverless-offline's own 404 answer", async () => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/dev/nothing`, { signal: AbortSignal.timeout(30_000) });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'Serverless-offline: route not found.', existingRoutes: ['get - /dev/hello/{name}'] });
  });

  test('SIGINT stops the servers and the CLI exits with code 0', async () => {
    const exit = await (offline as StratusProcess).stop('SIGINT', 20_000);
    expect(exit).toEqual({ code: 0, signal: null });
    const output = (offline as StratusProcess).stderr();
    expect(output).toContain('Got SIGINT signal. Offline Halting...');
    expect(output).not.toMatch(/^(Error|Warning)/m);
    expect(await isListening(httpPort)).toBe(false);
    expect(await isListening(lambdaPort)).toBe(false);
  }, 30_000);
});

describe('stratus offline (the plugin\'s own start, wait, stop and exit in one lifecycle event)', () => {
  let server: StratusProcess;
  let port: number;

  beforeAll(async () => {
    const [http, lambdaApi] = (await freePorts(2)) as [number, number];
    port = http;
    server = startOffline(['offline', '--host', '127.0.0.1', '--httpPort', String(http), '--lambdaPort', String(lambdaApi), '--noSponsor']);
    await server.waitForOutput(/Server ready: http:\/\/127\.0\.0\.1:\d+/, STARTUP_TIMEOUT_MS);
  }, STARTUP_TIMEOUT_MS + 10_000);

  test('answers a request, then exits with code 0 on SIGTERM', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/dev/hello/again`, { signal: AbortSignal.timeout(30_000) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ greeting: 'hello again' });
    expect(await server.stop('SIGTERM', 20_000)).toEqual({ code: 0, signal: null });
  }, 60_000);
});
