import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformFileSync } from '@swc/core';
import { startOffline, type OfflineServer } from './offline-server';
import { captureLogger, FIXTURE_DIR, fixtureConfiguration, request } from './test-support';

jest.setTimeout(30_000);

/** The codec and what it imports, compiled to CommonJS as the build does (a worker cannot load TypeScript). */
function compileCodec(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-proxy-codec-'));
  for (const name of ['proxy-codec', 'event-builder', 'response-mapper', 'header-validity']) {
    const { code } = transformFileSync(path.join(__dirname, `${name}.ts`), { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } });
    writeFileSync(path.join(dir, `${name}.js`), code);
  }
  return dir;
}

/** The same request, answered by a server building events here and by one whose workers build them. */
describe('lambda-proxy events built in the handler worker (proxy codec)', () => {
  let codecDir: string;
  let inWorker: OfflineServer;
  let inServer: OfflineServer;
  beforeAll(async () => {
    codecDir = compileCodec();
    const configuration = () => {
      const value = fixtureConfiguration();
      (value.functions as Record<string, unknown>).modules = { handler: 'handlers.loadedModules', events: [{ http: 'GET /modules' }] };
      return value;
    };
    const start = (proxyCodecPath: string | null) =>
      startOffline({ configuration: configuration(), options: { httpPort: '0', host: '127.0.0.1' }, serviceDir: FIXTURE_DIR, log: captureLogger().log, proxyCodecPath });
    [inWorker, inServer] = await Promise.all([start(path.join(codecDir, 'proxy-codec.js')), start(null)]);
  });
  afterAll(async () => {
    await Promise.all([inWorker?.close(), inServer?.close()]);
    rmSync(codecDir, { recursive: true, force: true });
  });

  it('the codec runs in the handler worker only when given', async () => {
    expect((await request(`${inWorker.url}/dev/modules`)).json()).toContain(path.join(codecDir, 'proxy-codec.js'));
    expect((await request(`${inServer.url}/dev/modules`)).json().some((file: string) => file.endsWith('proxy-codec.js'))).toBe(false);
  });

  /** Request ids and times differ between two requests; everything else must not. */
  function comparable(event: Record<string, any>): Record<string, any> {
    const { requestId, extendedRequestId, requestTime, requestTimeEpoch, ...context } = event.requestContext;
    expect([requestId, extendedRequestId]).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(typeof requestTime).toBe('string');
    expect(typeof requestTimeEpoch).toBe('number');
    // The two servers listen on different ports: the Host header is the only other difference.
    return { ...event, headers: { ...event.headers, host: 'HOST' }, multiValueHeaders: { ...event.multiValueHeaders, host: ['HOST'] }, requestContext: context };
  }

  it.each([
    ['a GET with params, a query and repeated headers', '/dev/echo/a%20b?x=1&x=2&y', { method: 'GET', headers: { 'X-Multi': 'one', 'x-api-key': 'k' } }],
    ['a JSON POST', '/dev/echo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }],
    ['a binary POST (base64)', '/dev/echo', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255]) }],
    ['a private route (identity.apiKey)', '/dev/private', { method: 'GET', headers: { 'x-api-key': 'key-one-0123456789' } }],
  ])('%s: the same event and response', async (_name, urlPath, init) => {
    const [fromWorker, fromServer] = await Promise.all([request(`${inWorker.url}${urlPath}`, init as RequestInit), request(`${inServer.url}${urlPath}`, init as RequestInit)]);
    expect(fromWorker.status).toBe(fromServer.status);
    expect(fromWorker.headers.get('content-type')).toBe(fromServer.headers.get('content-type'));
    const [workerBody, serverBody] = [fromWorker.json(), fromServer.json()];
    if (workerBody.event) {
      workerBody.event = comparable(workerBody.event);
      serverBody.event = comparable(serverBody.event);
    }
    expect(workerBody).toEqual(serverBody);
  });

  it.each(['/dev/custom', '/dev/binary', '/dev/object-body', '/dev/throws', '/dev/callback', '/dev/py/1'])('%s: results mapped in the worker as the server maps them', async (urlPath) => {
    const [fromWorker, fromServer] = await Promise.all([request(`${inWorker.url}${urlPath}`), request(`${inServer.url}${urlPath}`)]);
    expect([fromWorker.status, fromWorker.text]).toEqual([fromServer.status, fromServer.text]);
    for (const name of ['content-type', 'x-custom', 'set-cookie', 'x-amzn-errortype']) expect(fromWorker.headers.get(name)).toBe(fromServer.headers.get(name));
  });
});
