// The public API of @stratus/lambda-runtime.
export { LocalLambdaRuntime } from './local-lambda-runtime';
export type { InvokeError, InvokeOptions, InvokeOutcome, LocalFunction, LocalLambdaRuntimeOptions } from './types';
