import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { PYTHON_BOOTSTRAP_SOURCE } from './embedded-sources';
import { Instance, type InstanceRequest, type WireMessage } from './instance';
import type { FunctionIdentity } from './lambda-environment';


/** Feed chunks, get whole lines (the protocol is one JSON object a line). */
function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
  let rest = '';
  return (chunk) => {
    const text = rest + chunk.toString('utf8');
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      onLine(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  };
}

/**
 * A Python handler in a long-lived `python3` process running `python/bootstrap.py` (embedded,
 * passed with `-c`): requests as
 * JSON lines on stdin, replies as JSON lines on fd 3; the process's stdout/stderr are logs.
 */
export class PythonInstance extends Instance {
  readonly appliesCodecs = false;
  readonly pipelines = false;
  private readonly child: ChildProcess;
  private readonly stdin: Writable;
  private stderrTail = '';

  constructor(options: { codeDir: string; handler: string; identity: FunctionIdentity; env: Record<string, string>; python?: string; strayLog: (id: string | null, line: string) => void }) {
    super(options.strayLog);
    this.child = spawn(options.python ?? 'python3', ['-u', '-c', PYTHON_BOOTSTRAP_SOURCE, options.codeDir, options.handler], {
      cwd: options.codeDir,
      env: { ...options.env, PYTHONUNBUFFERED: '1', _STRATUS_FUNCTION: JSON.stringify(options.identity) },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    this.stdin = this.child.stdin as Writable;
    this.stdin.on('error', () => undefined); // EPIPE when the process died; `exit` reports it
    const protocol = this.child.stdio[3] as Readable;
    protocol.on(
      'data',
      lineSplitter((line) => {
        if (line !== '') this.receive(JSON.parse(line) as WireMessage);
      }),
    );
    // Output that bypasses sys.stdout (C extensions, subprocesses) still ends up in the logs.
    this.child.stdout?.on('data', lineSplitter((line) => this.log(line)));
    this.child.stderr?.on(
      'data',
      lineSplitter((line) => {
        this.stderrTail = (this.stderrTail + line + '\n').slice(-4000);
        this.log(line);
      }),
    );
    this.child.on('error', (error) => this.died({ errorType: 'Runtime.StartError', errorMessage: `Cannot start ${options.python ?? 'python3'}: ${error.message}` }));
    this.child.on('exit', (code, signal) => {
      const status = signal ? `signal ${signal}` : `exit status ${code}`;
      const detail = this.stderrTail.trim() ? `\n${this.stderrTail.trim()}` : '';
      this.died({ errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${status}${detail}` });
    });
  }

  kill(): void {
    this.dead = true;
    this.clearTimeoutTimer();
    this.child.kill('SIGKILL');
  }

  setRef(ref: boolean): void {
    const handles = [this.child, this.child.stdin, this.child.stdout, this.child.stderr, this.child.stdio[3]] as Array<{ ref?: () => void; unref?: () => void } | null>;
    for (const handle of handles) {
      if (ref) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  protected send(request: InstanceRequest): void {
    this.stdin.write(JSON.stringify(request) + '\n');
  }

  protected decodePayload(payload: unknown): unknown {
    return payload;
  }
}
