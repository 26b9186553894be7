import { isStratusError, ServerlessError, type StratusError } from '@stratus/core';
import { awsErrorCode, isThrottling, toStratusError, v3UpperSnake } from './aws-errors';

/** The SDK v2 error a v3 plugin finds as `error.providerError` (`code`, `statusCode`, `retryable`…). */
export interface V2ProviderError extends Error {
  code: string;
  statusCode: number | undefined;
  retryable: boolean;
  requestId: string | undefined;
  time: Date;
  /** The SDK v3 error it was made from. */
  originalError: unknown;
}

/**
 * A failed `provider.request`, shaped as Serverless v3 threw it: a user error (ServerlessError) whose
 * `code` is `AWS_<SERVICE>_<METHOD>_<AWS CODE>` in v3's spelling
 * (`AWS_CLOUD_FORMATION_DESCRIBE_STACKS_VALIDATION_ERROR`), the AWS message as its message, and the
 * SDK v2-style error as `providerError` (`providerError.code === 'ValidationError'`).
 */
export class AwsV2RequestError extends ServerlessError {
  readonly providerError: V2ProviderError;
  /** v3's name for the `<AWS CODE>` part of `code`. */
  readonly providerErrorCodeExtension: string;
  readonly statusCode: number | undefined;

  constructor(message: string, code: string, options: { hint?: string; providerError: V2ProviderError; extension: string }) {
    super(message, code, options.hint === undefined ? {} : { hint: options.hint });
    this.providerError = options.providerError;
    this.providerErrorCodeExtension = options.extension;
    this.statusCode = options.providerError.statusCode;
  }

  /** Alias of `providerErrorCodeExtension`. */
  get providerErrorCodeExtended(): string {
    return this.providerErrorCodeExtension;
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'TimeoutError']);

function isMissingCredentials(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'CredentialsProviderError' || (typeof message === 'string' && /could not load credentials|missing credentials/i.test(message));
}

/** The SDK v2-style view of an SDK v3 error. */
export function toV2ProviderError(error: unknown): V2ProviderError {
  const record = (error ?? {}) as { message?: unknown; $metadata?: { httpStatusCode?: unknown; requestId?: unknown }; $fault?: unknown; $retryable?: unknown };
  const code = awsErrorCode(error);
  const status = record.$metadata?.httpStatusCode;
  const statusCode = typeof status === 'number' ? status : undefined;
  const message = typeof record.message === 'string' && record.message && record.message !== 'UnknownError' ? record.message : statusCode ? `${code} (HTTP ${statusCode})` : code;
  const retryable =
    !isMissingCredentials(error) &&
    (Boolean(record.$retryable) || record.$fault === 'server' || (statusCode !== undefined && (statusCode >= 500 || statusCode === 429)) || isThrottling(error) || NETWORK_CODES.has(code));
  const requestId = typeof record.$metadata?.requestId === 'string' ? record.$metadata.requestId : undefined;
  return Object.assign(new Error(message), { name: code, code, statusCode, retryable, requestId, time: new Date(), originalError: error });
}

/** An SDK v3 error thrown by `provider.request(service, method)` as v3 threw it. StratusErrors pass through. */
export function toV2RequestError(error: unknown, service: string, method: string): StratusError {
  if (isStratusError(error)) return error;
  const providerError = toV2ProviderError(error);
  const hint = toStratusError(error, service, method).hint;
  if (isMissingCredentials(error)) {
    return new AwsV2RequestError(providerError.message, 'AWS_CREDENTIALS_NOT_FOUND', { providerError, extension: 'ERROR', ...(hint ? { hint } : {}) });
  }
  const extension = v3UpperSnake(providerError.code);
  const code = `AWS_${v3UpperSnake(service)}_${v3UpperSnake(method)}_${extension}`;
  return new AwsV2RequestError(providerError.message, code, { providerError, extension, ...(hint ? { hint } : {}) });
}
