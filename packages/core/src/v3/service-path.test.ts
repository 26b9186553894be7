import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestHost } from '../plugins/test-host';
import { addV3Plugin, type V3PluginClass } from './v3-plugin-adapter';

type Facade = Record<string, any>;

// serverless-plugin-typescript repoints `config.servicePath` to `.build` for packaging and back
// afterwards; serverless-esbuild repoints it for `invoke local`. What the core and the provider
// read (the service context) must follow, as v3's `serverless.serviceDir` does.
test('repointing config.servicePath (or serviceDir) repoints the service context; config.serviceDir keeps the original', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-service-path-'));
  const { host } = await createTestHost({ service: 'svc', provider: { name: 'aws' } }, dir);
  let serverless: Facade = {};
  class Capture {
    constructor(given: Facade) {
      serverless = given;
    }
  }
  await addV3Plugin(host, Capture as unknown as V3PluginClass, 'capture', true);

  serverless.config.servicePath = path.join(dir, '.build');
  expect(host.service.serviceDir).toBe(path.join(dir, '.build'));
  expect(serverless.serviceDir).toBe(path.join(dir, '.build'));
  expect(serverless.config.serviceDir).toBe(dir);

  serverless.serviceDir = path.join(dir, '.esbuild');
  expect(serverless.config.servicePath).toBe(path.join(dir, '.esbuild'));
  serverless.config.servicePath = dir;
  expect(host.service.serviceDir).toBe(dir);
});
