import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensurePythonTool, MOTO_TOOL } from './python-tools';

/**
 * moto's server mode as a local AWS: one HTTP endpoint on 127.0.0.1 that speaks the wire protocol
 * of every service (the service is told apart by the SigV4 credential scope). Point the AWS SDK at
 * it with AWS_ENDPOINT_URL; S3 then addresses buckets path-style (the endpoint is an IP address).
 */

export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  pid: number;
  /** SIGTERM, then SIGKILL after the grace period. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Path of moto_server in its venv; installed through ensurePythonTool(MOTO_TOOL) when omitted. */
  binary?: string;
  /** Longest wait for the server to answer. Default 30 s. */
  startTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL on stop. Default 3 s. */
  stopGraceMs?: number;
  /** Progress messages (install). Silent by default. */
  log?: (message: string) => void;
  /**
   * Let Lambda Invoke try Docker (moto's default). Default false: the server is configured with
   * `{ lambda: { use_docker: false } }` before anything is created, so Invoke answers without
   * Docker (it echoes the event back; no function code runs). moto keeps functions in a different
   * backend per setting, so it must never change once functions exist.
   */
  lambdaDocker?: boolean;
}

/** Only ever this address: the suite must never send traffic anywhere else. */
const HOST = '127.0.0.1';

/**
 * Runs moto's own entry point, plus a watchdog: when stdin closes (the parent died, even by
 * SIGKILL) the server exits instead of living on with its port.
 */
const WRAPPER = `
import os, sys, threading
def _watch():
    try:
        while sys.stdin.buffer.read(65536):
            pass
    finally:
        os._exit(0)
threading.Thread(target=_watch, daemon=True).start()
from moto.server import main
main(sys.argv[1:])
`;

/** A port free on 127.0.0.1 now: bind port 0, read what the kernel gave, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Start moto_server on a free port of 127.0.0.1 and wait until it answers HTTP. */
export async function startMotoServer(options: StartMotoOptions = {}): Promise<MotoServer> {
  const binary = options.binary ?? (await ensurePythonTool(MOTO_TOOL, options.log ? { log: options.log } : {}));
  // The port is free when probed but could be taken before moto binds it: retry on a new one.
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(binary, await freePort(), options);
    } catch (error) {
      lastError = error as Error;
      if (!/address already in use|Errno 98/i.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('moto_server did not start');
}

async function startOnce(binary: string, port: number, options: StartMotoOptions): Promise<MotoServer> {
  const python = path.join(path.dirname(binary), process.platform === 'win32' ? 'python.exe' : 'python');
  const [command, args] = existsSync(python) ? [python, ['-c', WRAPPER, '-H', HOST, '-p', String(port)]] : [binary, ['-H', HOST, '-p', String(port)]];
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1' };
  // moto itself must not be pointed anywhere by the caller's AWS settings.
  for (const key of Object.keys(env)) if (key.startsWith('AWS_ENDPOINT_URL')) delete env[key];
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });

  // Keep draining both pipes (werkzeug logs every request to stderr) and remember the tail for errors.
  let log = '';
  const collect = (chunk: Buffer): void => {
    log += chunk.toString();
    if (log.length > 64_000) log = log.slice(-32_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));

  // Safety net if the process exits without running the teardown (the watchdog covers SIGKILL).
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const endpoint = `http://${HOST}:${port}`;
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await stopChild(child, exitPromise, () => exited !== undefined, options.stopGraceMs ?? 3000);
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`Could not start ${command}: ${spawnError.message}`);
    }
    if (exited) {
      process.off('exit', killOnExit);
      throw new Error(`moto_server exited before answering (code ${exited.code}, signal ${exited.signal}) on ${endpoint}:\n${log.trim()}`);
    }
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms. Its output:\n${log.trim()}`);
    }
    await sleep(100);
  }
  if (!options.lambdaDocker) {
    try {
      await configureMoto(endpoint, { lambda: { use_docker: false } });
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { endpoint, port, pid: child.pid ?? -1, stop };
}

async function stopChild(child: ChildProcessWithoutNullStreams, exitPromise: Promise<void>, hasExited: () => boolean, graceMs: number): Promise<void> {
  if (!hasExited()) {
    // Closing stdin makes the watchdog os._exit at once. SIGTERM alone is slow: moto answers it
    // with sys.exit, and Python then waits for werkzeug's threads still holding keep-alive sockets.
    child.stdin.destroy();
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([exitPromise.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    clearTimeout(timer); // a pending grace timer would keep jest alive
    if (!graceful && !hasExited()) {
      child.kill('SIGKILL');
      await exitPromise;
    }
  }
  // Release every pipe, or the ChildProcess handle keeps the parent (jest) alive.
  child.stdin.destroy();
  child.stdout.destroy();
  child.stderr.destroy();
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function assertLocal(endpoint: string): void {
  const host = new URL(endpoint).hostname;
  if (host !== HOST && host !== 'localhost') throw new Error(`Refusing to call ${endpoint}: the e2e suite only talks to 127.0.0.1.`);
}

/** Forget every resource of every service (moto's POST /moto-api/reset). */
export async function resetMoto(endpoint: string): Promise<void> {
  assertLocal(endpoint);
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`POST ${endpoint}/moto-api/reset answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer().catch(() => undefined);
}

/**
 * Change moto's runtime configuration (POST /moto-api/config), e.g. `{ lambda: { use_docker: false } }`.
 * Process-wide and not undone by resetMoto. Change the Lambda setting only before any function
 * exists: moto keeps functions in a different backend per setting (startMotoServer sets it).
 */
export async function configureMoto(endpoint: string, config: Record<string, unknown>): Promise<void> {
  assertLocal(endpoint);
  const response = await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`POST ${endpoint}/moto-api/config answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer().catch(() => undefined);
}
