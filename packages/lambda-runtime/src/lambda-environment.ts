import type { LocalFunction } from './types';

/** What every instance of a function knows about itself (passed once, at start-up). */
export interface FunctionIdentity {
  name: string;
  arn: string;
  memorySize: number;
  logGroupName: string;
  logStreamName: string;
}

const ACCOUNT_ID = '123456789012';

export function functionIdentity(fn: LocalFunction, region: string): FunctionIdentity {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    name: fn.name,
    arn: `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${fn.name}`,
    memorySize: fn.memorySize,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}`,
  };
}

/**
 * Host variables a handler sees: as a Lambda sandbox has them (credentials, so SDK calls work), or
 * all of them (`all`, offline's `localEnvironment`).
 */
function hostEnvironment(all: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (all || key.startsWith('AWS_') || key === 'PATH' || key === 'HOME') out[key] = value;
  }
  return out;
}

/**
 * An instance's environment, later entries winning: host `AWS_*`/`PATH`/`HOME` (or every host
 * variable, `allHostVariables`), Lambda's own variables, the caller's `baseEnvironment`, then the
 * function's `environment`.
 */
export function lambdaEnvironment(fn: LocalFunction, identity: FunctionIdentity, region: string, base: Record<string, string>, allHostVariables = false): Record<string, string> {
  return {
    ...hostEnvironment(allHostVariables),
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    _HANDLER: fn.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: identity.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: identity.logStreamName,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    LAMBDA_TASK_ROOT: fn.codeDir,
    ...base,
    ...fn.environment,
  };
}
