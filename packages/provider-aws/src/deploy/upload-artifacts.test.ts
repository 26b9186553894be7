import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipArtifacts } from './upload-artifacts';

describe('zipArtifacts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-upload-'));
    mkdirSync(path.join(dir, '.serverless'));
    mkdirSync(path.join(dir, 'build'));
    writeFileSync(path.join(dir, '.serverless', 'svc.zip'), 'service zip');
    writeFileSync(path.join(dir, '.serverless', 'notes.txt'), 'not a zip');
    writeFileSync(path.join(dir, 'build', 'prebuilt.zip'), 'prebuilt zip');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uploads the package folder zips and prebuilt function artifacts kept elsewhere, by file name', async () => {
    const artifacts = await zipArtifacts(path.join(dir, '.serverless'), async (file) => `hash of ${path.relative(dir, file)}`, [
      { path: path.join(dir, 'build', 'prebuilt.zip') },
      { path: path.join(dir, '.serverless', 'svc.zip') },
      { path: path.join(dir, 'build', 'gone.zip') },
      {},
    ]);
    expect(artifacts.map(({ name, sha256 }) => ({ name, sha256 }))).toEqual([
      { name: 'prebuilt.zip', sha256: 'hash of build/prebuilt.zip' },
      { name: 'svc.zip', sha256: 'hash of .serverless/svc.zip' },
    ]);
    expect(String(await artifacts[0]!.body())).toBe('prebuilt zip');
  });
});
