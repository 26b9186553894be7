import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { sha256Base64 } from './artifact';
import { makeTempDir, readZip, removeTempDirs } from './__fixtures__/temp-tree';
import { writeZip, ZIP_METHOD_DEFLATE, ZIP_METHOD_STORE, type ZipEntry } from './zip-writer';

afterAll(removeTempDirs);

function deflated(name: string, text: string, mode = 0o644): ZipEntry {
  const raw = Buffer.from(text);
  return { name, mode, method: ZIP_METHOD_DEFLATE, crc32: crc32(raw), size: raw.length, data: deflateRawSync(raw) };
}

function stored(name: string, text: string, mode = 0o644): ZipEntry {
  const raw = Buffer.from(text);
  return { name, mode, method: ZIP_METHOD_STORE, crc32: crc32(raw), size: raw.length, data: raw };
}

describe('writeZip', () => {
  test('writes entries adm-zip reads back, in the given order, with modes and the 1980 timestamp', () => {
    const dir = makeTempDir();
    const path = join(dir, 'out.zip');
    const artifact = writeZip(path, [deflated('a/handler.js', 'exports.h = 1;\n'.repeat(50)), stored('bin/run.sh', '#!/bin/sh\n', 0o755), stored('empty.txt', ''), deflated('ünïcode.txt', 'héllo')]);

    const zip = readZip(path);
    expect(zip.names).toEqual(['a/handler.js', 'bin/run.sh', 'empty.txt', 'ünïcode.txt']);
    expect(zip.text('a/handler.js')).toBe('exports.h = 1;\n'.repeat(50));
    expect(zip.text('bin/run.sh')).toBe('#!/bin/sh\n');
    expect(zip.text('empty.txt')).toBe('');
    expect(zip.text('ünïcode.txt')).toBe('héllo');
    expect(zip.mode('bin/run.sh')).toBe(0o755);
    expect(zip.mode('a/handler.js')).toBe(0o644);
    for (const entry of zip.entries) {
      expect(entry.header.time.getFullYear()).toBe(1980);
      expect([entry.header.time.getMonth(), entry.header.time.getDate(), entry.header.time.getHours(), entry.header.time.getMinutes()]).toEqual([0, 1, 0, 0]);
    }
    expect(artifact).toEqual({ path, size: readFileSync(path).length, sha256: sha256Base64(readFileSync(path)) });
  });

  test('the system unzip accepts the archive and its checksums', () => {
    const dir = makeTempDir();
    const path = join(dir, 'out.zip');
    writeZip(path, [deflated('x.js', 'x'.repeat(1000)), stored('y.txt', 'y')]);
    expect(execFileSync('unzip', ['-t', path]).toString()).toContain('No errors detected');
  });

  test('same entries give the same bytes', () => {
    const dir = makeTempDir();
    const entries = [deflated('b.js', 'b'), deflated('c/d.js', 'd')];
    const first = writeZip(join(dir, '1.zip'), entries);
    const second = writeZip(join(dir, '2.zip'), entries);
    expect(second.sha256).toBe(first.sha256);
    expect(readFileSync(join(dir, '2.zip')).equals(readFileSync(join(dir, '1.zip')))).toBe(true);
  });

  test('more than 65,535 entries use the ZIP64 end records', () => {
    const dir = makeTempDir();
    const path = join(dir, 'many.zip');
    const count = 70_000;
    const entries = Array.from({ length: count }, (_, index) => stored(`f/${String(index).padStart(5, '0')}`, ''));
    writeZip(path, entries);
    const bytes = readFileSync(path);
    expect(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0);
    const zip = readZip(path);
    expect(zip.names).toHaveLength(count);
    expect(zip.names[count - 1]).toBe('f/69999');
  });
});
