import { Worker } from 'node:worker_threads';
import { NODE_WORKER_SOURCE } from './embedded-sources';
import { Instance, type InstanceRequest, type WireMessage } from './instance';
import type { FunctionIdentity } from './lambda-environment';

/** A Node.js handler in its own worker thread, with its own `process.env`. */
export class NodeInstance extends Instance {
  readonly appliesCodecs = true;
  readonly pipelines = true;
  private readonly worker: Worker;

  constructor(options: { codeDir: string; handler: string; identity: FunctionIdentity; env: Record<string, string>; strayLog: (id: string | null, line: string) => void }) {
    super(options.strayLog);
    // The worker's code is embedded (runtime/node-worker.cjs): no file to find once bundled.
    this.worker = new Worker(NODE_WORKER_SOURCE, {
      eval: true,
      workerData: { codeDir: options.codeDir, handler: options.handler, fn: options.identity },
      env: options.env,
      stdout: true,
      stderr: true,
    });
    this.worker.on('message', (message: WireMessage) => this.receive(message));
    // `process.stdout.write` in a handler: lines of the current request.
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.log(line);
    };
    this.worker.stdout.on('data', forward);
    this.worker.stderr.on('data', forward);
    let failure: Error | undefined;
    this.worker.on('error', (error) => (failure = error));
    this.worker.on('exit', (code) => {
      this.died(
        failure
          ? { errorType: failure.name || 'Error', errorMessage: failure.message, stackTrace: failure.stack?.split('\n') }
          : { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${code}` },
      );
    });
  }

  kill(): void {
    this.dead = true;
    this.clearTimeoutTimer();
    void this.worker.terminate();
  }

  setRef(ref: boolean): void {
    if (ref) this.worker.ref();
    else this.worker.unref();
  }

  protected send(request: InstanceRequest): void {
    this.worker.postMessage(request);
  }

  protected decodePayload(payload: unknown): unknown {
    return JSON.parse(payload as string);
  }
}
