import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSdkPackageLoader } from './load-sdk-package';

/** A service folder with one client package installed in its node_modules. */
function serviceWith(packageName: string, source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-sdk-'));
  const packageDir = path.join(dir, 'node_modules', ...packageName.split('/'));
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name: packageName, main: 'index.js' }));
  writeFileSync(path.join(packageDir, 'index.js'), source);
  return dir;
}

test("client packages come from the CLI's dependencies first, then from the service's node_modules", () => {
  const serviceDir = serviceWith('@aws-sdk/client-lambda', 'exports.fromService = true;');
  const load = createSdkPackageLoader(() => serviceDir);
  // The CLI ships client-lambda: its copy wins.
  expect(load('@aws-sdk/client-lambda')?.LambdaClient).toBeDefined();

  const onlyInService = serviceWith('@aws-sdk/client-stratus-test', 'exports.TestClient = class {};');
  expect(createSdkPackageLoader(() => onlyInService)('@aws-sdk/client-stratus-test')?.TestClient).toBeDefined();
  expect(createSdkPackageLoader(() => undefined)('@aws-sdk/client-stratus-test')).toBeUndefined();
});

test('only @aws-sdk/client-* names load; a package that is there but broken is not reported as missing', () => {
  const load = createSdkPackageLoader(() => undefined);
  expect(load('fs')).toBeUndefined();
  expect(load('@aws-sdk/client-../../etc')).toBeUndefined();
  const broken = serviceWith('@aws-sdk/client-broken', "require('./missing-file');");
  expect(() => createSdkPackageLoader(() => broken)('@aws-sdk/client-broken')).toThrow(/missing-file/);
});
