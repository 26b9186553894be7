// Writes a zip from entries whose bytes are already compressed, so one file compressed once can go
// into many zips. adm-zip always recompresses what it is given (its `setData` takes raw bytes) and
// builds the whole archive in memory, so the container is written here; adm-zip reads it in tests.
//
// Determinism: the caller passes entries sorted; every entry gets the same timestamp (DOS
// 1980-01-01 00:00, the zip minimum), a fixed "made by unix" version and a unix mode, no extra
// fields, no comment. Same entries → same bytes → same SHA-256.
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Artifact } from './artifact';

export const ZIP_METHOD_STORE = 0;
export const ZIP_METHOD_DEFLATE = 8;

/** One file of the archive, its bytes already in their final (stored or deflated) form. */
export interface ZipEntry {
  /** Relative path with forward slashes. */
  name: string;
  /** 0o755 or 0o644. */
  mode: number;
  method: typeof ZIP_METHOD_STORE | typeof ZIP_METHOD_DEFLATE;
  crc32: number;
  /** Uncompressed size. */
  size: number;
  /** Bytes as stored in the archive. */
  data: Buffer;
}

const DOS_TIME_MIDNIGHT = 0;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const VERSION_DEFLATE = 20; // "2.0": deflate, the features used here
const VERSION_ZIP64 = 45;
const MADE_BY_UNIX = 3 << 8;
const FLAG_UTF8_NAME = 0x0800;
const S_IFREG = 0o100000;
const MAX_UINT16 = 0xffff;
const MAX_UINT32 = 0xffffffff;

/** Thrown when an archive cannot be expressed without per-entry ZIP64 fields (> 4 GB). */
export class ZipTooLargeError extends Error {}

/** Writes `entries` (already sorted) to `absolutePath` and returns its size and SHA-256. */
export function writeZip(absolutePath: string, entries: readonly ZipEntry[]): Artifact {
  const nameLengths = entries.map((entry) => Buffer.byteLength(entry.name, 'utf8'));
  const central = Buffer.alloc(nameLengths.reduce((sum, length) => sum + CENTRAL_HEADER_SIZE + length, 0));
  let centralPosition = 0;
  const output = new HashingFileWriter(absolutePath);
  try {
    entries.forEach((entry, index) => {
      const nameLength = nameLengths[index]!;
      const flags = nameLength === entry.name.length ? 0 : FLAG_UTF8_NAME;
      const offset = output.bytesWritten;
      if (offset > MAX_UINT32 || entry.data.length > MAX_UINT32 || entry.size > MAX_UINT32) throw new ZipTooLargeError();
      const local = output.reserve(LOCAL_HEADER_SIZE + nameLength);
      writeLocalHeader(local, entry, nameLength, flags);
      local.write(entry.name, LOCAL_HEADER_SIZE, 'utf8');
      output.append(entry.data);
      writeCentralHeader(central, centralPosition, entry, nameLength, flags, offset);
      central.write(entry.name, centralPosition + CENTRAL_HEADER_SIZE, 'utf8');
      centralPosition += CENTRAL_HEADER_SIZE + nameLength;
    });
    const centralOffset = output.bytesWritten;
    output.append(central);
    if (centralOffset > MAX_UINT32 || central.length > MAX_UINT32) throw new ZipTooLargeError();
    if (entries.length > MAX_UINT16) {
      // ZIP64 end records only for the entry count; sizes and offsets always fit 32 bits here.
      const zip64RecordOffset = output.bytesWritten;
      output.append(zip64EndRecord(entries.length, central.length, centralOffset));
      output.append(zip64Locator(zip64RecordOffset));
    }
    output.append(endRecord(Math.min(entries.length, MAX_UINT16), central.length, centralOffset));
    return output.finish();
  } finally {
    output.close();
  }
}

const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;

function writeLocalHeader(header: Buffer, entry: ZipEntry, nameLength: number, flags: number): void {
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_DEFLATE, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(DOS_TIME_MIDNIGHT, 10);
  header.writeUInt16LE(DOS_DATE_1980_01_01, 12);
  header.writeUInt32LE(entry.crc32 >>> 0, 14);
  header.writeUInt32LE(entry.data.length, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(nameLength, 26);
  header.writeUInt16LE(0, 28); // no extra field
}

function writeCentralHeader(target: Buffer, at: number, entry: ZipEntry, nameLength: number, flags: number, localHeaderOffset: number): void {
  target.writeUInt32LE(0x02014b50, at);
  target.writeUInt16LE(MADE_BY_UNIX | VERSION_DEFLATE, at + 4);
  target.writeUInt16LE(VERSION_DEFLATE, at + 6);
  target.writeUInt16LE(flags, at + 8);
  target.writeUInt16LE(entry.method, at + 10);
  target.writeUInt16LE(DOS_TIME_MIDNIGHT, at + 12);
  target.writeUInt16LE(DOS_DATE_1980_01_01, at + 14);
  target.writeUInt32LE(entry.crc32 >>> 0, at + 16);
  target.writeUInt32LE(entry.data.length, at + 20);
  target.writeUInt32LE(entry.size, at + 24);
  target.writeUInt16LE(nameLength, at + 28);
  // extra length (30), comment length (32), disk (34), internal attributes (36): zero (Buffer.alloc)
  target.writeUInt32LE(((S_IFREG | entry.mode) << 16) >>> 0, at + 38);
  target.writeUInt32LE(localHeaderOffset, at + 42);
}

function zip64EndRecord(count: number, centralSize: number, centralOffset: number): Buffer {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // size of the rest of this record
  record.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  // this disk (16), disk with the central directory (20): zero
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(centralSize), 40);
  record.writeBigUInt64LE(BigInt(centralOffset), 48);
  return record;
}

function zip64Locator(zip64RecordOffset: number): Buffer {
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(zip64RecordOffset), 8);
  locator.writeUInt32LE(1, 16); // total number of disks
  return locator;
}

function endRecord(count: number, centralSize: number, centralOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(centralSize, 12);
  record.writeUInt32LE(centralOffset, 16);
  return record;
}

/**
 * Copies small pieces into one staging buffer, so the hash and the file see a few large writes
 * instead of four small ones per entry; large pieces go straight through.
 */
class HashingFileWriter {
  bytesWritten = 0;
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private readonly staging = Buffer.allocUnsafe(STAGING_BYTES);
  private staged = 0;
  private closed = false;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** A zone of `length` bytes (≤ 64 KB) at the current position, for the caller to fill. */
  reserve(length: number): Buffer {
    if (this.staged + length > this.staging.length) this.flush();
    const zone = this.staging.subarray(this.staged, this.staged + length);
    zone.fill(0);
    this.staged += length;
    this.bytesWritten += length;
    return zone;
  }

  append(chunk: Buffer): void {
    if (chunk.length > DIRECT_WRITE_BYTES) {
      this.flush();
      this.writeOut(chunk);
    } else {
      if (this.staged + chunk.length > this.staging.length) this.flush();
      chunk.copy(this.staging, this.staged);
      this.staged += chunk.length;
    }
    this.bytesWritten += chunk.length;
  }

  finish(): Artifact {
    this.flush();
    return { path: this.path, sha256: this.hash.digest('base64'), size: this.bytesWritten };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.staged === 0) return;
    this.writeOut(this.staging.subarray(0, this.staged));
    this.staged = 0;
  }

  private writeOut(bytes: Buffer): void {
    this.hash.update(bytes);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }
}

const STAGING_BYTES = 1 << 20;
const DIRECT_WRITE_BYTES = 256 << 10;
