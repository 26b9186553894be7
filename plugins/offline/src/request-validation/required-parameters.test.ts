import { startOffline, type OfflineServer } from '../offline-server';
import { captureLogger, FIXTURE_DIR, fixtureConfiguration, request } from '../test-support';

jest.setTimeout(30_000);

let server: OfflineServer;
let base: string;

beforeAll(async () => {
  const configuration = fixtureConfiguration();
  (configuration.functions as Record<string, unknown>).search = {
    handler: 'handlers.echo',
    events: [
      {
        http: {
          path: 'search/{kind}',
          method: 'get',
          request: { parameters: { paths: { kind: true }, querystrings: { q: true, page: false }, headers: { 'X-Tenant': { required: true } } } },
        },
      },
    ],
  };
  server = await startOffline({ configuration, options: { httpPort: '0', host: '127.0.0.1' }, serviceDir: FIXTURE_DIR, log: captureLogger().log });
  base = `${server.url}/dev`;
});
afterAll(() => server.close());

describe('required request parameters (v3 attaches a request validator)', () => {
  it('answers 400 naming what is missing, as API Gateway does', async () => {
    const none = await request(`${base}/search/books`);
    expect([none.status, none.json(), none.headers.get('x-amzn-errortype')]).toEqual([400, { message: 'Missing required request parameters: [q, X-Tenant]' }, 'BadRequestException']);
    const noHeader = await request(`${base}/search/books?q=dune`);
    expect(noHeader.json()).toEqual({ message: 'Missing required request parameters: [X-Tenant]' });
  });

  it('passes a request that has them (headers in any case; optional ones may be absent)', async () => {
    const reply = await request(`${base}/search/books?q=dune`, { headers: { 'x-tenant': 'acme' } });
    expect(reply.status).toBe(200);
    expect(reply.json().event.queryStringParameters).toEqual({ q: 'dune' });
  });
});
