// Compresses each distinct file once; zips are then assembled from these bytes (see zip-writer).
//
// Large inputs use worker threads running synchronous deflate: on the 2-core machines CI uses,
// zlib's async API (libuv threadpool) measured slower than one thread (most of the time went to
// the kernel), while workers scale. Small inputs stay on the main thread: starting workers costs
// more than compressing a handful of handlers.
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { fileUnreadable } from './packaging-errors';
import { ZIP_METHOD_DEFLATE, ZIP_METHOD_STORE } from './zip-writer';

/** A file's bytes as they go into every zip that holds it. */
export interface CompressedFile {
  method: typeof ZIP_METHOD_STORE | typeof ZIP_METHOD_DEFLATE;
  crc32: number;
  size: number;
  data: Buffer;
  /** 0o755 when owner-executable (always on Windows), else 0o644. */
  mode: number;
}

export interface CompressOptions {
  /** zlib level; 6 is what Serverless v3 (archiver) uses. */
  level: number;
  /** Worker threads to use; 0 compresses on the main thread. Default: by input size and cores. */
  workers?: number;
}

type CompressOutcome = CompressedFile | { error: string };

const FILES_PER_WORKER_MESSAGE = 32;
const MIN_FILES_FOR_WORKERS = 256;

export async function compressFiles(realPaths: readonly string[], options: CompressOptions): Promise<Map<string, CompressedFile>> {
  const workers = options.workers ?? (realPaths.length >= MIN_FILES_FOR_WORKERS ? Math.min(4, availableParallelism()) : 0);
  const outcomes = workers > 0 ? await compressInWorkers(realPaths, options.level, workers) : compressHere(realPaths, options.level);
  const compressed = new Map<string, CompressedFile>();
  realPaths.forEach((realPath, index) => {
    const outcome = outcomes[index];
    if (!outcome || 'error' in outcome) throw fileUnreadable(realPath, outcome?.error ?? 'no result');
    compressed.set(realPath, outcome);
  });
  return compressed;
}

function compressHere(realPaths: readonly string[], level: number): CompressOutcome[] {
  return realPaths.map((realPath) => {
    const outcome = compressOneFile(realPath, level, fs, zlib, process.platform === 'win32');
    // Copy to an exact-size buffer: zlib's result is a view on a 16 KB chunk, which a small file
    // would otherwise keep alive (≈ 16 KB × files of memory).
    return 'error' in outcome ? outcome : { ...outcome, data: Buffer.from(outcome.data) };
  });
}

/**
 * Reads, checksums and deflates one file. It only uses its parameters because workers run its
 * source text (`toString()`), where the module's imports do not exist.
 */
function compressOneFile(realPath: string, level: number, fsApi: typeof fs, zlibApi: typeof zlib, isWindows: boolean): CompressOutcome {
  let raw: Buffer;
  let ownerExecutable: boolean;
  try {
    const fd = fsApi.openSync(realPath, 'r');
    try {
      ownerExecutable = (fsApi.fstatSync(fd).mode & 0o100) !== 0;
      raw = fsApi.readFileSync(fd);
    } finally {
      fsApi.closeSync(fd);
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const mode = isWindows || ownerExecutable ? 0o755 : 0o644;
  const crc32 = zlibApi.crc32(raw);
  if (raw.length === 0) return { method: 0, crc32, size: 0, data: raw, mode };
  const deflated = zlibApi.deflateRawSync(raw, { level });
  // Already-compressed content (images, zips) is stored as is: smaller and still deterministic.
  if (deflated.length >= raw.length) return { method: 0, crc32, size: raw.length, data: raw, mode };
  return { method: 8, crc32, size: raw.length, data: deflated, mode };
}

// A worker answers a batch with one transferred buffer holding every result back to back (structured
// clone of many small views would copy each view's whole backing chunk).
const WORKER_SOURCE = `
const fs = require('node:fs');
const zlib = require('node:zlib');
const { parentPort, workerData } = require('node:worker_threads');
const compressOneFile = ${compressOneFile.toString()};
parentPort.on('message', ({ id, paths }) => {
  const outcomes = paths.map((p) => compressOneFile(p, workerData.level, fs, zlib, process.platform === 'win32'));
  const packed = Buffer.allocUnsafeSlow(outcomes.reduce((sum, o) => sum + (o.data ? o.data.length : 0), 0));
  let offset = 0;
  const described = outcomes.map((o) => {
    if (o.error !== undefined) return o;
    o.data.copy(packed, offset);
    const entry = { method: o.method, crc32: o.crc32, size: o.size, mode: o.mode, offset, length: o.data.length };
    offset += o.data.length;
    return entry;
  });
  parentPort.postMessage({ id, outcomes: described, packed: packed.buffer }, [packed.buffer]);
});
`;

type PackedOutcome = (Omit<CompressedFile, 'data'> & { offset: number; length: number }) | { error: string };

interface WorkerReply {
  id: number;
  outcomes: PackedOutcome[];
  packed: ArrayBuffer;
}

async function compressInWorkers(realPaths: readonly string[], level: number, workerCount: number): Promise<CompressOutcome[]> {
  const outcomes: CompressOutcome[] = new Array(realPaths.length);
  const batchStarts: number[] = [];
  for (let start = 0; start < realPaths.length; start += FILES_PER_WORKER_MESSAGE) batchStarts.push(start);
  let nextBatch = 0;
  let remainingBatches = batchStarts.length;
  const workers = Array.from({ length: Math.min(workerCount, batchStarts.length) }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { level } }));
  try {
    await new Promise<void>((resolve, reject) => {
      if (remainingBatches === 0) return resolve();
      const sendNext = (worker: Worker): void => {
        const start = batchStarts[nextBatch];
        if (start === undefined) return;
        worker.postMessage({ id: nextBatch, paths: realPaths.slice(start, start + FILES_PER_WORKER_MESSAGE) });
        nextBatch += 1;
      };
      for (const worker of workers) {
        worker.on('message', ({ id, outcomes: batch, packed }: WorkerReply) => {
          const start = batchStarts[id] ?? 0;
          const bytes = Buffer.from(packed);
          batch.forEach((outcome, index) => {
            if ('error' in outcome) {
              outcomes[start + index] = outcome;
            } else {
              const { offset, length, ...file } = outcome;
              outcomes[start + index] = { ...file, data: bytes.subarray(offset, offset + length) };
            }
          });
          remainingBatches -= 1;
          if (remainingBatches === 0) resolve();
          else sendNext(worker);
        });
        worker.on('error', reject);
        // Two batches in flight per worker so it never waits for the main thread.
        sendNext(worker);
        sendNext(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}
