import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Python command-line tools the e2e suite needs (moto, cfn-lint), each installed by the suite
 * itself into a venv of its own under `<repo>/.tools/` (git-ignored), so a fresh clone needs
 * nothing done by hand.
 *
 * - Idempotent and fast when done: a marker file in the venv records the pinned packages and the
 *   Python version; when it matches and the binary exists, nothing runs (no pip, no lock).
 * - Safe when several processes ask at once (jest workers, two jest runs, turbo tasks): the
 *   install happens under an exclusive lock file; a lock whose owner died is taken over.
 * - Clear errors when Python, venv/ensurepip or pip are missing.
 */

/** `<repo>/.tools`: everything the suite installs lives here. */
export const TOOLS_DIR = path.resolve(__dirname, '../../../.tools');

export interface PythonToolSpec {
  /** Folder name of the venv under `.tools/`, e.g. `moto-venv`. */
  name: string;
  /** pip requirement specifiers; pin exact versions (`pkg==1.2.3`) so every machine gets the same tool. */
  packages: string[];
  /** Console script the tool installs in the venv's bin folder, e.g. `moto_server`. */
  binary: string;
}

/** moto's server mode: one local HTTP endpoint that speaks every AWS service's wire protocol. */
export const MOTO_TOOL: PythonToolSpec = { name: 'moto-venv', packages: ['moto[server]==5.2.5'], binary: 'moto_server' };

/** AWS's own CloudFormation linter. */
export const CFN_LINT_TOOL: PythonToolSpec = { name: 'cfn-lint-venv', packages: ['cfn-lint==1.58.0'], binary: 'cfn-lint' };

export interface EnsureOptions {
  /** Progress messages (install start/end, waiting for another process's lock). Silent by default. */
  log?: (message: string) => void;
  /** Longest wait for another process's install, and longest pip run. Default 15 minutes. */
  timeoutMs?: number;
}

const MARKER_FILE = '.stratus-tool.json';
const MARKER_FORMAT = 1;
const MIN_PYTHON: [number, number] = [3, 9];
const IS_WINDOWS = process.platform === 'win32';

interface Marker {
  format: number;
  packages: string[];
  python: string;
  installedAt?: string;
}

/** Where a venv keeps its executables. */
export function venvBinDir(venvDir: string): string {
  return path.join(venvDir, IS_WINDOWS ? 'Scripts' : 'bin');
}

function executable(dir: string, name: string): string {
  return path.join(dir, IS_WINDOWS ? `${name}.exe` : name);
}

/**
 * Absolute path of `spec.binary` inside its venv `<repo>/.tools/<spec.name>`, installing the venv
 * with `pip install <spec.packages>` first when it is missing or was made for other versions.
 */
export async function ensurePythonTool(spec: PythonToolSpec, options: EnsureOptions = {}): Promise<string> {
  const venvDir = path.join(TOOLS_DIR, spec.name);
  const binary = executable(venvBinDir(venvDir), spec.binary);
  const wanted = [...spec.packages].sort();

  // Fast path: no lock, no Python started. The marker is written (atomically) only after a
  // complete install, so its presence means the venv is whole.
  const ready = (): boolean => {
    const marker = readMarker(venvDir);
    return marker !== undefined && marker.format === MARKER_FORMAT && sameList(marker.packages, wanted) && existsSync(binary) && baseInterpreterExists(venvDir);
  };
  if (ready()) return binary;

  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  mkdirSync(TOOLS_DIR, { recursive: true });
  // An owner that died mid-install (jest killed with SIGKILL) may have left pip running: stop it
  // before the venv is removed and made again.
  const release = await acquireLock(path.join(TOOLS_DIR, `${spec.name}.lock`), timeoutMs, options.log, () => killOrphanedInstallers(venvDir));
  try {
    if (ready()) return binary; // another process installed it while we waited
    const python = await findPython();
    const started = Date.now();
    options.log?.(`installing ${wanted.join(' ')} into ${path.relative(process.cwd(), venvDir) || venvDir} (${python.command}, Python ${python.version})`);
    rmSync(venvDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });

    const venv = await run(python.command, ['-m', 'venv', venvDir], { timeoutMs });
    const venvPython = executable(venvBinDir(venvDir), 'python');
    if (venv.code !== 0 || !existsSync(venvPython)) {
      throw new Error(
        `Could not create a Python venv in ${venvDir} with "${python.command} -m venv" (exit ${venv.code}).\n` +
          `On Debian/Ubuntu install the venv module: apt-get install python3-venv\n${tail(venv.output)}`,
      );
    }
    const pipCheck = await run(venvPython, ['-m', 'pip', '--version'], { timeoutMs: 60_000 });
    if (pipCheck.code !== 0) {
      throw new Error(
        `The venv in ${venvDir} has no pip ("python -m pip" failed). Python's ensurepip is missing: ` +
          `on Debian/Ubuntu install python3-venv and python3-pip.\n${tail(pipCheck.output)}`,
      );
    }
    const pip = await run(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', '--quiet', ...wanted],
      { timeoutMs, env: { PIP_NO_INPUT: '1' } },
    );
    if (pip.code !== 0) {
      throw new Error(`pip install ${wanted.join(' ')} failed in ${venvDir} (exit ${pip.code}):\n${tail(pip.output)}`);
    }
    if (!existsSync(binary)) {
      throw new Error(`pip installed ${wanted.join(' ')} but ${binary} does not exist: is "${spec.binary}" the right console script?`);
    }
    const marker: Marker = { format: MARKER_FORMAT, packages: wanted, python: python.version, installedAt: new Date().toISOString() };
    const tmp = path.join(venvDir, `${MARKER_FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(marker, null, 2)}\n`);
    renameSync(tmp, path.join(venvDir, MARKER_FILE));
    options.log?.(`installed ${wanted.join(' ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return binary;
  } finally {
    release();
  }
}

function readMarker(venvDir: string): Marker | undefined {
  try {
    return JSON.parse(readFileSync(path.join(venvDir, MARKER_FILE), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/** A venv only links to the Python it was made from: if that one was removed, the venv is dead. */
function baseInterpreterExists(venvDir: string): boolean {
  try {
    const home = /^home\s*=\s*(.+)$/m.exec(readFileSync(path.join(venvDir, 'pyvenv.cfg'), 'utf8'))?.[1]?.trim();
    return home === undefined || existsSync(home);
  } catch {
    return false;
  }
}

function sameList(a: unknown, b: string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((item, index) => item === b[index]);
}

interface PythonFound {
  command: string;
  version: string;
}

/** The first Python >= 3.9 among $STRATUS_PYTHON, python3, python. */
async function findPython(): Promise<PythonFound> {
  const candidates = [process.env.STRATUS_PYTHON, 'python3', 'python'].filter((c): c is string => Boolean(c));
  const seen: string[] = [];
  for (const command of candidates) {
    let result: RunResult;
    try {
      result = await run(command, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { timeoutMs: 30_000 });
    } catch (error) {
      seen.push(`${command}: ${(error as Error).message}`);
      continue;
    }
    const version = result.output.trim().split(/\s+/).pop() ?? '';
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (result.code !== 0 || !/^\d+\.\d+\.\d+$/.test(version)) {
      seen.push(`${command}: exit ${result.code} ${tail(result.output, 200)}`);
      continue;
    }
    if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
      seen.push(`${command}: Python ${version} is older than ${MIN_PYTHON.join('.')}`);
      continue;
    }
    return { command, version };
  }
  throw new Error(
    `The e2e suite needs Python >= ${MIN_PYTHON.join('.')} with the venv module and pip to install its AWS emulator (moto) and cfn-lint, ` +
      `and found none. Install it (Debian/Ubuntu: apt-get install python3 python3-venv python3-pip) or point STRATUS_PYTHON at one.\n` +
      seen.map((line) => `  - ${line}`).join('\n'),
  );
}

interface RunResult {
  code: number | null;
  output: string;
}

/** Run a command to completion; stdout and stderr merged. Rejects only when it cannot start (ENOENT). */
function run(command: string, args: string[], options: { timeoutMs: number; env?: Record<string, string> }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function tail(text: string, max = 4000): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `…${trimmed.slice(-max)}` : trimmed;
}

interface LockOwner {
  pid: number;
  host: string;
  since: number;
}

/** A lock older than this is taken over even if its owner seems alive (pid reuse, other host). */
const STALE_LOCK_MS = 30 * 60_000;

/**
 * An exclusive lock file created with O_EXCL. A lock left by a dead process on this host, or older
 * than STALE_LOCK_MS, is removed. Returns the release function.
 */
async function acquireLock(lockPath: string, timeoutMs: number, log?: (message: string) => void, onStale?: () => void): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: Date.now() };
      writeFileSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return () => {
        try {
          const current = JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
          if (current.pid === process.pid && current.host === owner.host) unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (isStale(lockPath)) {
      try {
        unlinkSync(lockPath);
        onStale?.();
      } catch {
        // someone else removed it first
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${lockPath} (another process is installing). Remove the file if no install is running.`);
    }
    if (!announced) {
      log?.(`waiting for another process installing into ${path.dirname(lockPath)} (${path.basename(lockPath)})`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function isStale(lockPath: string): boolean {
  let owner: LockOwner;
  try {
    owner = JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    // Unreadable: either being written right now (give it a moment) or garbage left behind.
    try {
      return Date.now() - statSync(lockPath).mtimeMs > 10_000;
    } catch {
      return false; // vanished: retry
    }
  }
  if (Date.now() - owner.since > STALE_LOCK_MS) return true;
  if (owner.host !== os.hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Installer processes (python -m venv, ensurepip, pip) still working on `venvDir` for an owner that
 * died: killed so that they do not write into the venv being made again. Linux only (/proc); only
 * processes whose command line names this venv AND runs venv/ensurepip/pip, never a moto server.
 */
function killOrphanedInstallers(venvDir: string): void {
  if (process.platform !== 'linux') return;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone, or not ours to read
    }
    const namesVenv = argv.some((arg) => arg === venvDir || arg.startsWith(`${venvDir}${path.sep}`));
    const installs = /(^| )-m (venv|ensurepip|pip)( |$)|run_module\("pip"/.test(argv.join(' '));
    if (!namesVenv || !installs) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
    } catch {
      // already exited
    }
  }
}
