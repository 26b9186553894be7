import { StratusError } from '@stratus/core';
import type { AwsClients } from './aws-clients';
import type { SdkPackageLoader } from './load-sdk-package';
import { toV2RequestError } from './v2-errors';
import { toV2Output } from './v2-output';
import { clientClassOf, commandClassOf, sdkPackageOf } from './v2-services';

export interface V2RequestOptions {
  /** Memoise identical calls (same service, method, parameters and region) for the run. */
  useCache?: boolean;
  /** Another region than the service's. */
  region?: string;
}

export type V2Request = (service: string, method: string, params?: Record<string, unknown>, options?: V2RequestOptions) => Promise<unknown>;

export interface V2RequestDependencies {
  clients: AwsClients;
  loadPackage: SdkPackageLoader;
  /** The v3 plugin making the call, when known (for messages). */
  callingPlugin: () => string | undefined;
  serviceDir: () => string | undefined;
}

interface SdkClient {
  send(command: unknown): Promise<unknown>;
}

/**
 * v3's `provider.request(service, method, params, options)` — the SDK v2 calling convention
 * (`'Lambda', 'listVersionsByFunction'`) — served by SDK v3 clients: `@aws-sdk/client-<x>`'s
 * `<Method>Command`, with the run's credentials, region, endpoint overrides and retries (the SDK
 * retries throttling). Outputs and errors are given the v2 shape v3 plugins expect.
 */
export function createV2Request(dependencies: V2RequestDependencies): V2Request {
  const cache = new Map<string, Promise<unknown>>();
  return (service, method, params = {}, options) => {
    let call: () => Promise<unknown>;
    try {
      // Resolved now, synchronously, while the calling plugin is known; failures still reject (v3's request was async).
      call = prepare(dependencies, service, method, params ?? {}, isObject(options) && typeof options.region === 'string' && options.region ? options.region : undefined);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!isObject(options) || !options.useCache) return call();
    const key = JSON.stringify([service, method, options.region ?? dependencies.clients.region, sortKeys(params)]);
    let pending = cache.get(key);
    if (!pending) {
      pending = call();
      cache.set(key, pending);
      // A failure is not remembered: the next identical call asks again.
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };
}

function prepare(dependencies: V2RequestDependencies, service: string, method: string, params: Record<string, unknown>, region: string | undefined): () => Promise<unknown> {
  const caller = dependencies.callingPlugin();
  const who = caller ? `Plugin "${caller}"` : 'A plugin';
  const call = `provider.request('${String(service)}', '${String(method)}')`;
  if (typeof service !== 'string' || typeof method !== 'string' || !service || !method) {
    throw new StratusError('AWS_REQUEST_INVALID', `${who} called ${call}: the service and the method must be non-empty strings.`, {
      hint: "Call it as provider.request('Lambda', 'listVersionsByFunction', { FunctionName }).",
    });
  }
  // SDK v2's managed upload has no command of its own; a PutObject does the same for the bodies plugins send.
  const isUpload = service === 'S3' && method === 'upload';
  const packageName = sdkPackageOf(service);
  const sdk = dependencies.loadPackage(packageName);
  if (!sdk) {
    const where = dependencies.serviceDir();
    throw new StratusError('AWS_SDK_CLIENT_NOT_INSTALLED', `${who} called ${call}, which needs ${packageName}: Stratus does not ship it and the service${where ? ` (${where})` : ''} does not have it installed.`, {
      hint: `Run "npm install -D ${packageName}" in the service directory. Stratus calls AWS with the AWS SDK v3 and ships the clients of the common services only.`,
    });
  }
  const Client = clientClassOf(sdk, service);
  const Command = commandClassOf(sdk, isUpload ? 'putObject' : method);
  if (!Client || !Command) {
    const missing = Client ? `${method.charAt(0).toUpperCase()}${method.slice(1)}Command` : 'client class';
    throw new StratusError('AWS_REQUEST_UNKNOWN_METHOD', `${who} called ${call}, but ${packageName} has no ${missing}.`, {
      hint: `Check the service and method names. Methods only the AWS SDK v2 had (waitFor, getSignedUrl, createPresignedPost…) are not available through provider.request in Stratus.`,
    });
  }
  return async () => {
    const client = dependencies.clients.customClient<SdkClient>(packageName, { ...(region ? { region } : {}), s3: service === 'S3' }, (config) => new Client(config as never) as SdkClient);
    const input = isUpload ? { ...params, Body: await bodyBytes(params.Body) } : params;
    let output: unknown;
    try {
      output = await client.send(new Command(input as never));
    } catch (error) {
      throw toV2RequestError(error, service, method);
    }
    if (isUpload) return uploadResult(output, params, region ?? dependencies.clients.region);
    return toV2Output(output);
  };
}

/** A streamed body read whole (PutObject needs a length; v2's managed upload took streams). */
async function bodyBytes(body: unknown): Promise<unknown> {
  if (!body || typeof body === 'string' || body instanceof Uint8Array) return body;
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<string | Uint8Array>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** What v2's `S3.upload` resolved to: `{ Location, ETag, Bucket, Key }` (plus `key`, as v2 also set). */
function uploadResult(output: unknown, params: Record<string, unknown>, region: string): Record<string, unknown> {
  const { ETag, VersionId } = (output ?? {}) as { ETag?: string; VersionId?: string };
  const bucket = String(params.Bucket);
  const key = String(params.Key);
  const encodedKey = key.split('/').map(encodeURIComponent).join('/');
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL;
  const location = endpoint ? `${endpoint.replace(/\/$/, '')}/${bucket}/${encodedKey}` : `https://${bucket}.s3.${region}.amazonaws.com/${encodedKey}`;
  return { ETag, ...(VersionId ? { VersionId } : {}), Location: location, Bucket: bucket, Key: key, key };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}
