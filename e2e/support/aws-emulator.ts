import { createHash, createHmac } from 'node:crypto';

/**
 * What a test needs to talk to the suite's local AWS (the moto server started by global-setup.ts).
 *
 * A test file that mentions this module or STRATUS_E2E_AWS_ENDPOINT makes global-setup start the
 * emulator (see needsEmulator there); other runs, such as `jest corpus`, never start it.
 */

export const ENDPOINT_VARIABLE = 'STRATUS_E2E_AWS_ENDPOINT';
export const FAKE_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;
export const EMULATOR_REGION = 'us-east-1';

/** `http://127.0.0.1:<port>` of the running emulator; a clear error when the run did not start it. */
export function emulatorEndpoint(): string {
  const endpoint = process.env[ENDPOINT_VARIABLE];
  if (!endpoint) {
    throw new Error(
      `${ENDPOINT_VARIABLE} is not set: the AWS emulator runs only under e2e/jest.config.cjs (globalSetup), ` +
        `and not when STRATUS_E2E_EMULATOR=0. Run the test with "npx jest <pattern>" from e2e/.`,
    );
  }
  const host = new URL(endpoint).hostname;
  if (host !== '127.0.0.1') throw new Error(`${ENDPOINT_VARIABLE}=${endpoint}: the e2e suite only talks to 127.0.0.1.`);
  return endpoint;
}

/** Environment for a CLI child process (runStratus's `env`) so every AWS call goes to the emulator. */
export function emulatorEnv(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: emulatorEndpoint(),
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: EMULATOR_REGION,
    AWS_DEFAULT_REGION: EMULATOR_REGION,
  };
}

/** Configuration for an AWS SDK v3 client in the test process. */
export function emulatorClientConfig(): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
} {
  return { endpoint: emulatorEndpoint(), region: EMULATOR_REGION, credentials: { ...FAKE_CREDENTIALS }, forcePathStyle: true };
}

export interface AwsRequest {
  /** SigV4 service name: the emulator routes on it (`iam`, `lambda`, `sns`, `logs`, ...). */
  service: string;
  method?: string;
  /** Path, already URI-encoded, e.g. `/2015-03-31/functions/my-fn`. */
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  endpoint?: string;
  region?: string;
}

export interface AwsResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One SigV4-signed HTTP request to the emulator: the raw wire protocol of services the suite has
 * no SDK client for (query, JSON and REST-JSON protocols alike).
 */
export async function awsRequest(request: AwsRequest): Promise<AwsResponse> {
  const endpoint = request.endpoint ?? emulatorEndpoint();
  const region = request.region ?? EMULATOR_REGION;
  const method = request.method ?? 'GET';
  const url = new URL(request.path ?? '/', endpoint);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.append(key, value);
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);

  const now = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''); // 20240101T000000Z
  const date = now.slice(0, 8);
  const payloadHash = sha256(body);
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-date': now,
    'x-amz-content-sha256': payloadHash,
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value])),
  };
  const signedHeaders = Object.keys(headers).sort();
  const canonicalQuery = [...url.searchParams.entries()]
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalRequest = [
    method,
    url.pathname,
    canonicalQuery,
    ...signedHeaders.map((name) => `${name}:${String(headers[name]).trim()}`),
    '',
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', now, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${FAKE_CREDENTIALS.secretAccessKey}`, date);
  for (const part of [region, request.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');

  const { host: _host, ...sendHeaders } = headers;
  const response = await fetch(url, {
    method,
    headers: {
      ...sendHeaders,
      authorization: `AWS4-HMAC-SHA256 Credential=${FAKE_CREDENTIALS.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
    },
    ...(body.length > 0 ? { body } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** An AWS query-protocol action (IAM, SNS, CloudFormation, ...): form-encoded POST, XML answer. */
export function awsQuery(service: string, version: string, action: string, params: Record<string, string> = {}): Promise<AwsResponse> {
  const body = new URLSearchParams({ Action: action, Version: version, ...params }).toString();
  return awsRequest({ service, method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body });
}

/** An AWS JSON-protocol action (DynamoDB, Logs, EventBridge, SQS, ...) by its X-Amz-Target. */
export async function awsJson<T = Record<string, unknown>>(service: string, target: string, input: unknown, jsonVersion: '1.0' | '1.1' = '1.1'): Promise<{ status: number; body: T; text: string }> {
  const response = await awsRequest({
    service,
    method: 'POST',
    path: '/',
    headers: { 'content-type': `application/x-amz-json-${jsonVersion}`, 'x-amz-target': target },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (response.text ? JSON.parse(response.text) : {}) as T, text: response.text };
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
