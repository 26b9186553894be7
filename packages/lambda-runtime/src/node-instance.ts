import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { NODE_WORKER_SOURCE } from './embedded-sources';
import { Instance, type InstanceRequest, type WireMessage } from './instance';
import type { FunctionIdentity } from './lambda-environment';

/** A Node.js handler in its own worker thread, with its own `process.env`. */
export class NodeInstance extends Instance {
  readonly appliesCodecs = true;
  readonly pipelines = true;
  private readonly worker: Worker;
  /** The worker's replies (results, logs…): a port of its own, read in bursts. */
  private readonly replies: MessagePort;

  constructor(options: { codeDir: string; handler: string; identity: FunctionIdentity; env: Record<string, string>; strayLog: (id: string | null, line: string) => void }) {
    super(options.strayLog);
    const channel = new MessageChannel();
    this.replies = channel.port1;
    // The worker's code is embedded (runtime/node-worker.cjs): no file to find once bundled.
    this.worker = new Worker(NODE_WORKER_SOURCE, {
      eval: true,
      workerData: { codeDir: options.codeDir, handler: options.handler, fn: options.identity, replies: channel.port2 },
      transferList: [channel.port2],
      env: options.env,
      stdout: true,
      stderr: true,
    });
    // Each 'message' event costs a callback into JS with its own microtask checkpoint; the replies
    // queued behind the first are read synchronously instead (a burst under load).
    this.replies.on('message', (message: WireMessage) => {
      this.receive(message);
      this.readQueuedReplies();
    });
    // `process.stdout.write` in a handler: lines of the current request.
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.log(line);
    };
    this.worker.stdout.on('data', forward);
    this.worker.stderr.on('data', forward);
    let failure: Error | undefined;
    this.worker.on('error', (error) => (failure = error));
    this.worker.on('exit', (code) => {
      // What the worker sent before it ended (a result, its last log lines) comes first.
      this.readQueuedReplies();
      this.replies.close();
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
    if (ref) {
      this.worker.ref();
      this.replies.ref();
    } else {
      this.worker.unref();
      this.replies.unref();
    }
  }

  private readQueuedReplies(): void {
    for (let next = receiveMessageOnPort(this.replies); next !== undefined; next = receiveMessageOnPort(this.replies)) {
      this.receive(next.message as WireMessage);
    }
  }

  /**
   * Requests sent in one event-loop turn go to the worker as one message, at the end of the turn:
   * each message may wake the worker's thread, the largest cost of the sender's thread.
   */
  protected send(request: InstanceRequest): void {
    if (this.outbox.push(request) === 1) setImmediate(this.flush);
  }

  private outbox: InstanceRequest[] = [];
  private readonly flush = (): void => {
    const batch = this.outbox;
    this.outbox = [];
    if (!this.dead) this.worker.postMessage(batch.length === 1 ? batch[0] : batch);
  };

  protected decodePayload(payload: unknown): unknown {
    return JSON.parse(payload as string);
  }
}
