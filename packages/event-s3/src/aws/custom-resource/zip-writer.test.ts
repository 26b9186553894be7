import * as zlib from 'node:zlib';
import { crc32, writeZip } from './zip-writer';

/** Read a stored (uncompressed) zip back through its central directory. */
function readZip(zip: Buffer): Array<{ path: string; content: string; crc: number; mode: number }> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const path = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({ path, content: zip.toString('utf8', dataStart, dataStart + size), crc: zip.readUInt32LE(at + 16), mode: zip.readUInt32LE(at + 38) >>> 16 });
    at += 46 + nameLength;
  }
  return entries;
}

test('entries sorted, stored with their CRC, regular files 0644; the same input gives the same bytes', () => {
  const zip = writeZip([
    { path: 's3/handler.js', content: 'exports.handler = 1;\n' },
    { path: 'a.txt', content: Buffer.from('é') },
  ]);
  expect(readZip(zip)).toEqual([
    { path: 'a.txt', content: 'é', crc: crc32(Buffer.from('é')), mode: 0o100644 },
    { path: 's3/handler.js', content: 'exports.handler = 1;\n', crc: crc32(Buffer.from('exports.handler = 1;\n')), mode: 0o100644 },
  ]);
  expect(writeZip([{ path: 'a.txt', content: Buffer.from('é') }, { path: 's3/handler.js', content: 'exports.handler = 1;\n' }]).equals(zip)).toBe(true);
});

test('crc32 agrees with zlib (when this Node has it)', () => {
  const data = Buffer.from('The quick brown fox jumps over the lazy dog');
  expect(crc32(data)).toBe(0x414fa339);
  const zlibCrc = (zlib as unknown as { crc32?: (data: Buffer) => number }).crc32;
  if (zlibCrc) expect(crc32(data)).toBe(zlibCrc(data));
});
