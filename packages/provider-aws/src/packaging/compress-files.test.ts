import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { compressFiles, type CompressedFile } from './compress-files';
import { makeTempDir, removeTempDirs, writeTree } from './__fixtures__/temp-tree';

afterAll(removeTempDirs);

function fixture(): { dir: string; paths: string[] } {
  const dir = makeTempDir();
  writeTree(dir, {
    'text.js': 'module.exports = 1;\n'.repeat(200),
    'tool.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
    'empty.txt': '',
  });
  writeFileSync(join(dir, 'random.bin'), randomBytes(4096));
  return { dir, paths: ['text.js', 'tool.sh', 'empty.txt', 'random.bin'].map((name) => join(dir, name)) };
}

describe('compressFiles', () => {
  test('deflates text, stores what does not shrink, keeps crc, size and the exec bit', async () => {
    const { paths } = fixture();
    const result = await compressFiles(paths, { level: 6, workers: 0 });
    const [text, tool, empty, random] = paths.map((path) => result.get(path)!) as [CompressedFile, CompressedFile, CompressedFile, CompressedFile];

    expect(text.method).toBe(8);
    expect(inflateRawSync(text.data).toString()).toBe('module.exports = 1;\n'.repeat(200));
    expect(text.crc32).toBe(crc32(Buffer.from('module.exports = 1;\n'.repeat(200))));
    expect(text.size).toBe(4000);
    expect(text.mode).toBe(0o644);
    expect(tool.mode).toBe(0o755);
    expect(empty).toMatchObject({ method: 0, size: 0 });
    expect(random.method).toBe(0);
    expect(random.data.length).toBe(4096);
  });

  test('worker threads give exactly what the main thread gives', async () => {
    const { paths } = fixture();
    const many = Array.from({ length: 70 }, () => paths).flat(); // several worker batches
    const unique = [...new Set(many)];
    const here = await compressFiles(unique, { level: 6, workers: 0 });
    const inWorkers = await compressFiles(unique, { level: 6, workers: 2 });
    for (const path of unique) {
      const a = here.get(path)!;
      const b = inWorkers.get(path)!;
      expect({ ...b, data: b.data.toString('base64') }).toEqual({ ...a, data: a.data.toString('base64') });
    }
  });

  test('an unreadable file is a PACKAGE_FILE_UNREADABLE error naming it', async () => {
    const missing = join(makeTempDir(), 'gone.js');
    await expect(compressFiles([missing], { level: 6, workers: 0 })).rejects.toMatchObject({ code: 'PACKAGE_FILE_UNREADABLE', message: expect.stringContaining(missing) });
    await expect(compressFiles([missing], { level: 6, workers: 1 })).rejects.toMatchObject({ code: 'PACKAGE_FILE_UNREADABLE' });
  });
});
