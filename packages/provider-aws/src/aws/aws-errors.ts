import { isStratusError, StratusError } from '@stratus/core';

/**
 * An AWS request that failed, as v3 reports it: `code` = `AWS_<SERVICE>_<OPERATION>_<AWSCODE>`
 * (`AWS_CLOUD_FORMATION_DESCRIBE_STACKS_VALIDATION_ERROR`) and the SDK error as `providerError`.
 */
export class AwsRequestError extends StratusError {
  /** The original SDK error (v3 plugins read `providerError.code` / `.statusCode`). */
  readonly providerError: unknown;
  /** The AWS error code (`ValidationError`, `NoSuchKey`…). */
  readonly awsCode: string;
  readonly statusCode: number | undefined;

  constructor(code: string, message: string, options: { hint?: string; providerError: unknown; awsCode: string; statusCode: number | undefined }) {
    super(code, message, { hint: options.hint, cause: options.providerError });
    this.providerError = options.providerError;
    this.awsCode = options.awsCode;
    this.statusCode = options.statusCode;
  }
}

/** IAM action prefixes of the services Stratus calls, keyed by the names v3 used. */
const IAM_PREFIX: Record<string, string> = {
  CloudFormation: 'cloudformation',
  S3: 's3',
  Lambda: 'lambda',
  CloudWatchLogs: 'logs',
  SSM: 'ssm',
  STS: 'sts',
  IAM: 'iam',
  APIGateway: 'apigateway',
};

const MISSING_CREDENTIALS = new Set(['CredentialsProviderError', 'CredentialsError']);
const INVALID_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'InvalidAccessKeyId',
  'InvalidToken',
  'TokenRefreshRequired',
]);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden']);
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'TimeoutError', 'NetworkingError']);
const NOT_FOUND = new Set([
  'NoSuchKey',
  'NotFound',
  'NoSuchBucket',
  'ResourceNotFoundException',
  'ParameterNotFound',
  'ParameterVersionNotFound',
  'StackNotFoundException',
  'ChangeSetNotFound',
  'ChangeSetNotFoundException',
  'NoSuchEntity',
]);

/**
 * v3's spelling of service and operation names in error codes: a `_` before every capital
 * (`CloudFormation` → `CLOUD_FORMATION`, `describeStacks` → `DESCRIBE_STACKS`, `SSM` → `S_S_M`).
 */
export function v3UpperSnake(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/(?<=[A-Za-z0-9])(?=[A-Z])/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

/** Word-aware UPPER_SNAKE for AWS error codes: `NoSuchKey` → `NO_SUCH_KEY`, `KMSAccessDeniedException` → `KMS_ACCESS_DENIED_EXCEPTION`, `ECONNREFUSED` stays. */
export function upperSnake(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_')
    .replace(/(?<=[A-Z])(?=[A-Z][a-z])/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

/** The AWS error code of an SDK v3 error (its `name`), or of a Node network error (its `code`). */
export function awsErrorCode(error: unknown): string {
  const original = unwrap(error);
  if (!original || typeof original !== 'object') return 'ERROR';
  const record = original as { name?: unknown; Code?: unknown; code?: unknown };
  for (const candidate of [record.Code, record.code, record.name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') return candidate;
  }
  return 'ERROR';
}

function statusCodeOf(error: unknown): number | undefined {
  const original = unwrap(error) as { $metadata?: { httpStatusCode?: unknown }; statusCode?: unknown } | undefined;
  const status = original?.$metadata?.httpStatusCode ?? original?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string {
  const original = unwrap(error);
  if (original instanceof Error) return original.message;
  if (original && typeof original === 'object' && typeof (original as { message?: unknown }).message === 'string') return (original as { message: string }).message;
  return String(original);
}

/** The SDK error behind an `AwsRequestError`, or the error itself. */
function unwrap(error: unknown): unknown {
  return error instanceof AwsRequestError ? error.providerError : error;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * An SDK error as a StratusError: `AWS_<SERVICE>_<OPERATION>_<AWSCODE>`, a message naming the
 * operation with AWS's own message, a hint for the usual causes, and the original as
 * `providerError`. `service` uses v3's names (`CloudFormation`, `S3`, `Lambda`, `CloudWatchLogs`,
 * `SSM`, `STS`); `operation` may be `describeStacks` or `DescribeStacks`. StratusErrors pass through.
 */
export function toStratusError(error: unknown, service: string, operation: string): StratusError {
  if (isStratusError(error)) return error;
  const awsCode = awsErrorCode(error);
  const statusCode = statusCodeOf(error);
  let awsMessage = messageOf(error);
  if (!awsMessage || awsMessage === 'UnknownError') awsMessage = statusCode ? `${awsCode} (HTTP ${statusCode})` : awsCode;
  const code = `AWS_${v3UpperSnake(service)}_${v3UpperSnake(operation)}_${upperSnake(awsCode)}`;
  const message = `AWS ${service} ${capitalize(operation)} failed: ${awsMessage}`;
  return new AwsRequestError(code, message, { hint: hintFor(error, awsCode, awsMessage, service, operation), providerError: error, awsCode, statusCode });
}

function hintFor(error: unknown, awsCode: string, awsMessage: string, service: string, operation: string): string | undefined {
  if (isMissingCredentials(error)) {
    return 'No AWS credentials were found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run "aws configure" (or "aws sso login"), or name a profile with --aws-profile or provider.profile.';
  }
  if (INVALID_CREDENTIALS.has(awsCode) || /security token.*(expired|invalid)|token has expired|session.*expired/i.test(awsMessage)) {
    return 'AWS rejected the credentials: they are expired or invalid. Refresh them (e.g. "aws sso login --profile <name>", or new temporary keys) and try again; --aws-profile picks another profile.';
  }
  if (ACCESS_DENIED.has(awsCode)) {
    const action = /perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(awsMessage)?.[1] ?? `${IAM_PREFIX[service] ?? service.toLowerCase()}:${capitalize(operation)}`;
    return `The credentials are not allowed to call ${action}. Grant that action to the IAM user or role you deploy with, or use other credentials (--aws-profile).`;
  }
  if (isThrottling(error)) {
    return 'AWS throttled the request and the retries ran out. Wait a moment and try again; SLS_AWS_REQUEST_MAX_RETRIES raises the number of retries (default 4).';
  }
  if (NETWORK.has(awsCode)) {
    const endpoint = process.env.AWS_ENDPOINT_URL ? ` (AWS_ENDPOINT_URL is ${process.env.AWS_ENDPOINT_URL}: is that endpoint running?)` : '';
    return `The AWS endpoint could not be reached${endpoint}. Check the network connection and the region.`;
  }
  return undefined;
}

function isMissingCredentials(error: unknown): boolean {
  const original = unwrap(error) as { name?: unknown; message?: unknown } | undefined;
  if (!original || typeof original !== 'object') return false;
  if (typeof original.name === 'string' && MISSING_CREDENTIALS.has(original.name)) return true;
  return typeof original.message === 'string' && /could not load credentials|unable to locate credentials|missing credentials/i.test(original.message);
}

/** Throttling, whatever the service calls it. */
export function isThrottling(error: unknown): boolean {
  const code = awsErrorCode(error);
  return THROTTLING.has(code) || /rate exceeded/i.test(messageOf(error));
}

/** AccessDenied and its service-specific spellings. */
export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(awsErrorCode(error));
}

/**
 * The usual "does not exist" shapes: CloudFormation `ValidationError … does not exist`, S3
 * `NoSuchKey`/`NotFound`/`NoSuchBucket`/HTTP 404, Lambda and Logs `ResourceNotFoundException`,
 * SSM `ParameterNotFound`. Works on SDK errors and on errors made by `toStratusError`.
 */
export function isNotFound(error: unknown): boolean {
  const code = awsErrorCode(error);
  if (NOT_FOUND.has(code)) return true;
  if (code === 'ValidationError' && /does not exist/i.test(messageOf(error))) return true;
  return statusCodeOf(error) === 404;
}
