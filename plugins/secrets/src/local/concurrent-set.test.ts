import { spawn } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_DIR, removeTempDirs, tempDir } from '../test-support';
import { LocalKeyRing } from './key-ring';
import { LocalSecretsStore } from './local-store';

jest.setTimeout(60_000);

afterAll(removeTempDirs);

const PROCESSES = 6;
const NAMES_PER_PROCESS = 5;

/** One writer process: sets its own names one after the other through the compiled store. */
const WRITER = `
const [dist, file, serviceDir, home, prefix, count] = process.argv.slice(1);
const { LocalSecretsStore, LocalKeyRing } = require(dist);
const store = new LocalSecretsStore({ file, service: 'shop', stage: 'dev', keys: new LocalKeyRing({ service: 'shop', serviceDir, env: { HOME: home } }) });
(async () => {
  for (let index = 0; index < Number(count); index += 1) await store.set(prefix + '_' + index, 'value of ' + prefix + '_' + index);
})().catch((error) => { console.error(error); process.exit(1); });
`;

function writer(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', WRITER, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

it('several processes setting secrets at once lose none of each other\'s writes (and share one new key)', async () => {
  const serviceDir = tempDir('service');
  const home = tempDir('home');
  const file = path.join(serviceDir, 'secrets.dev.enc.json');
  const dist = path.join(PACKAGE_DIR, 'dist', 'index.js');
  const results = await Promise.all(Array.from({ length: PROCESSES }, (_, index) => writer([dist, file, serviceDir, home, `P${index}`, String(NAMES_PER_PROCESS)])));
  for (const result of results) expect(result).toEqual({ code: 0, stderr: '' });

  const store = new LocalSecretsStore({ file, service: 'shop', stage: 'dev', keys: new LocalKeyRing({ service: 'shop', serviceDir, env: { HOME: home } }) });
  const names = Array.from({ length: PROCESSES }, (_, p) => Array.from({ length: NAMES_PER_PROCESS }, (__, n) => `P${p}_${n}`)).flat();
  expect((await store.list()).map((row) => row.name).sort()).toEqual([...names].sort());
  const values = await store.getMany(names);
  for (const name of names) expect(values.get(name)).toBe(`value of ${name}`);
});
