// Benchmark of `stratus offline` (@stratus/plugin-offline) against a bare Node http server (the floor).
//
//   pnpm --filter @stratus/plugin-offline build && node bench/offline.mjs [seconds=10] [connections=50]
//
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" passes Node flags to the stratus process (profiling).
//
// Builds a one-route hello service in a temp dir, starts `stratus offline start` through the CLI
// (as a user does) and a bare `http` server answering the same JSON, drives each with a small
// keep-alive HTTP/1.1 load generator (raw sockets, no pipelining) on 127.0.0.1, and prints
// requests/s, p50/p99 latency, start-up time (spawn → first 200), the server's CPU time per
// request (all its threads) and its peak RSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const CLI = path.join(root, 'packages', 'cli', 'bin', 'stratus.js');
const PLUGIN = path.join(root, 'plugins', 'offline', 'dist', 'index.js');

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One GET over a fresh connection: resolves with the status, or rejects. */
function probe(port, urlPath) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('end', () => resolve(Number(data.slice(9, 12))));
    socket.on('error', reject);
  });
}

async function waitForFirstOk(port, urlPath, startedAt, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await probe(port, urlPath)) === 200) return performance.now() - startedAt;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Peak RSS of a Linux process, from /proc (VmHWM). */
function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system, all threads) a Linux process has used so far, in ms, from /proc. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

/** Keep-alive load: `connections` sockets, each sending the next request when a response ends. */
function load(port, urlPath, durationMs) {
  const request = Buffer.from(`GET ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench\r\n\r\n`);
  const latencies = [];
  let errors = 0;
  let non2xx = 0;
  const deadline = performance.now() + durationMs;
  const runs = [];
  for (let i = 0; i < connections; i += 1) {
    runs.push(
      new Promise((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.setNoDelay(true);
        let buffer = '';
        let sentAt = 0;
        const send = () => {
          if (performance.now() >= deadline) return socket.end(resolve);
          sentAt = performance.now();
          socket.write(request);
        };
        socket.on('connect', send);
        socket.on('data', (chunk) => {
          buffer += chunk.toString('latin1');
          for (;;) {
            const headerEnd = buffer.indexOf('\r\n\r\n');
            if (headerEnd === -1) return;
            const head = buffer.slice(0, headerEnd);
            const lengthMatch = /content-length:\s*(\d+)/i.exec(head);
            let end;
            if (lengthMatch) end = headerEnd + 4 + Number(lengthMatch[1]);
            else if (/transfer-encoding:\s*chunked/i.test(head)) {
              const last = buffer.indexOf('\r\n0\r\n\r\n', headerEnd);
              end = last === -1 ? Infinity : last + 7;
            } else end = headerEnd + 4;
            if (buffer.length < end) return;
            if (buffer[9] !== '2') non2xx += 1;
            buffer = buffer.slice(end);
            latencies.push(performance.now() - sentAt);
            send();
          }
        });
        socket.on('error', () => {
          errors += 1;
          resolve();
        });
      }),
    );
  }
  const started = performance.now();
  return Promise.all(runs).then(() => {
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, non2xx };
  });
}

async function run(name, command, args, options, urlPath) {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(command, args(port), { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  try {
    const startupMs = await waitForFirstOk(port, urlPath, startedAt, child);
    await load(port, urlPath, 1000); // warm-up (instances, JIT)
    const cpuBefore = cpuMs(child.pid);
    const result = await load(port, urlPath, seconds * 1000);
    // The server's CPU per request: steadier than req/s when neighbours share the machine.
    const cpuUsPerRequest = ((cpuMs(child.pid) - cpuBefore) * 1000) / result.requests;
    return { name, startupMs, ...result, cpuUsPerRequest, peakRssMb: peakRssMb(child.pid) };
  } catch (error) {
    throw new Error(`${name}: ${error.message}\n${stderr}`);
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-offline-bench-'));
const body = JSON.stringify({ message: 'hello' });
writeFileSync(path.join(dir, 'handler.js'), `exports.hello = async () => ({ statusCode: 200, body: ${JSON.stringify(body)} });\n`);
writeFileSync(path.join(dir, 'plugin.js'), `module.exports = require(${JSON.stringify(PLUGIN)});\n`);
writeFileSync(
  path.join(dir, 'serverless.yml'),
  ['service: bench', 'provider:', '  name: aws', '  runtime: nodejs20.x', 'plugins:', '  - ./plugin.js', 'functions:', '  hello:', '    handler: handler.hello', '    events:', '      - http: GET /hello', ''].join('\n'),
);
const floorSource = `require('http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': ${Buffer.byteLength(body)} }); res.end(${JSON.stringify(body)}); }).listen(Number(process.argv[1]), '127.0.0.1');`;

try {
  const results = [];
  results.push(await run('bare node http (floor)', process.execPath, (port) => ['-e', floorSource, String(port)], {}, '/dev/hello'));
  results.push(await run('stratus offline', process.execPath, (port) => [...nodeArgs, CLI, 'offline', 'start', '--httpPort', String(port), '--host', '127.0.0.1'], { cwd: dir }, '/dev/hello'));
  console.log(`${os.cpus().length} CPUs, ${connections} connections, ${seconds} s per target, Node ${process.version}`);
  console.table(
    results.map((r) => ({
      target: r.name,
      'req/s': Math.round(r.rps),
      'p50 ms': r.p50.toFixed(2),
      'p99 ms': r.p99.toFixed(2),
      'start-up ms': Math.round(r.startupMs),
      'CPU µs/req': r.cpuUsPerRequest.toFixed(1),
      'peak RSS MB': r.peakRssMb.toFixed(1),
      requests: r.requests,
      errors: r.errors,
      non2xx: r.non2xx,
    })),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
