export { startLambdaInvokeApi, parseFunctionName, logTail, type InvokeRuntime, type LambdaInvokeApi, type LambdaInvokeApiOptions } from './lambda-invoke-api';
