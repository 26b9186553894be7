import type { Parameter } from '@aws-sdk/client-ssm';
import type { AwsClients } from '../aws/aws-clients';
import { awsErrorCode, isNotFound, toStratusError } from '../aws/aws-errors';
import { ssmSdk } from '../aws/sdk';

/** SSM's limit of names per GetParameters call. */
export const MAX_NAMES_PER_CALL = 10;

/** Runs `flush` once the current burst of lookups has been made (the resolver asks concurrently). */
export type BatchScheduler = (flush: () => void) => void;

interface Waiter {
  resolve(parameter: Parameter | null): void;
  reject(error: unknown): void;
}

interface Queue {
  region: string;
  withDecryption: boolean;
  waiters: Map<string, Waiter>;
}

/**
 * Loads SSM parameters for `${ssm:…}`: each distinct (region, decryption, name) is asked once per
 * run; lookups made in the same burst are sent as `GetParameters` calls of up to 10 names, one
 * group per region and decryption flag. Not found → `null`.
 */
export class SsmParameterLoader {
  private readonly cache = new Map<string, Promise<Parameter | null>>();
  private readonly queues = new Map<string, Queue>();
  private scheduled = false;

  constructor(
    private readonly clients: AwsClients,
    private readonly schedule: BatchScheduler = (flush) => void setImmediate(flush),
  ) {}

  load(name: string, region: string, withDecryption: boolean): Promise<Parameter | null> {
    const cacheKey = `${region}\0${withDecryption}\0${name}`;
    let promise = this.cache.get(cacheKey);
    if (!promise) {
      promise = new Promise<Parameter | null>((resolve, reject) => {
        const queueKey = `${region}\0${withDecryption}`;
        let queue = this.queues.get(queueKey);
        if (!queue) {
          queue = { region, withDecryption, waiters: new Map() };
          this.queues.set(queueKey, queue);
        }
        queue.waiters.set(name, { resolve, reject });
      });
      this.cache.set(cacheKey, promise);
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => this.flush());
      }
    }
    return promise;
  }

  private flush(): void {
    this.scheduled = false;
    const queues = [...this.queues.values()];
    this.queues.clear();
    for (const queue of queues) {
      const names = [...queue.waiters.keys()];
      for (let start = 0; start < names.length; start += MAX_NAMES_PER_CALL) {
        const chunk = names.slice(start, start + MAX_NAMES_PER_CALL);
        this.fetchChunk(queue, chunk).catch((error: unknown) => {
          for (const name of chunk) queue.waiters.get(name)?.reject(error);
        });
      }
    }
  }

  private async fetchChunk(queue: Queue, names: string[]): Promise<void> {
    const settle = (name: string, outcome: { parameter: Parameter | null } | { error: unknown }): void => {
      const waiter = queue.waiters.get(name);
      if (!waiter) return;
      if ('error' in outcome) waiter.reject(outcome.error);
      else waiter.resolve(outcome.parameter);
    };
    const { GetParametersCommand } = ssmSdk();
    let result: { Parameters?: Parameter[]; InvalidParameters?: string[] };
    try {
      result = await this.clients.ssm(queue.region).send(new GetParametersCommand({ Names: names, WithDecryption: queue.withDecryption }));
    } catch (error) {
      // One bad or forbidden name fails the whole call: ask each name alone, so every variable
      // gets its own answer (and its own error).
      if (names.length > 1 && isPerParameterError(error)) {
        await Promise.all(names.map(async (name) => settle(name, await this.fetchOne(queue, name))));
        return;
      }
      const mapped = toStratusError(error, 'SSM', 'getParameters');
      for (const name of names) settle(name, { error: mapped });
      return;
    }
    const invalid = new Set(result.InvalidParameters ?? []);
    const unmatched: string[] = [];
    for (const name of names) {
      if (invalid.has(name)) {
        settle(name, { parameter: null });
        continue;
      }
      const parameter = (result.Parameters ?? []).find((candidate) => matches(candidate, name));
      if (parameter) settle(name, { parameter });
      else unmatched.push(name);
    }
    // A name SSM answered in another spelling (an ARN, a selector): ask for it alone.
    await Promise.all(unmatched.map(async (name) => settle(name, await this.fetchOne(queue, name))));
  }

  private async fetchOne(queue: Queue, name: string): Promise<{ parameter: Parameter | null } | { error: unknown }> {
    const { GetParameterCommand } = ssmSdk();
    try {
      const result = await this.clients.ssm(queue.region).send(new GetParameterCommand({ Name: name, WithDecryption: queue.withDecryption }));
      return { parameter: result.Parameter ?? null };
    } catch (error) {
      if (isNotFound(error)) return { parameter: null };
      return { error: toStratusError(error, 'SSM', 'getParameter') };
    }
  }
}

function isPerParameterError(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code === 'AccessDeniedException' || code === 'AccessDenied' || code === 'ValidationException' || code === 'InvalidKeyId' || code.startsWith('ParameterVersion');
}

/** Does a returned parameter answer the requested name (plain, with a `:version`/`:label` selector, or an ARN)? */
function matches(parameter: Parameter, requested: string): boolean {
  if (parameter.Name === requested || parameter.ARN === requested) return true;
  if (parameter.Selector && `${parameter.Name}${parameter.Selector}` === requested) return true;
  return false;
}
