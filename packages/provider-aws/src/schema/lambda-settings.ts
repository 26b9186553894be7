import { orIntrinsic } from './intrinsics';
import { closedObject, ref, type JsonSchema } from './json-schema';
import { AWS_ARCHITECTURES, AWS_RUNTIMES } from './runtimes';

/** Lambda's hard limit on a function's run time, in seconds (15 minutes). */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/**
 * The only "allowed value" a timeout above Lambda's limit is told about. The core words enum
 * problems as `must be equal to one of the allowed values [...]`, and `enum` is the one keyword
 * whose wording we control without a custom ajv keyword, so the explanation travels in it.
 */
export const TIMEOUT_LIMIT_EXPLANATION = `${LAMBDA_MAX_TIMEOUT_SECONDS} or less: Lambda allows at most ${LAMBDA_MAX_TIMEOUT_SECONDS} s (15 minutes)`;

/** CloudWatch Logs retention periods, in days (what `PutRetentionPolicy` accepts). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Settings shared by `provider` and each function, as `aws…` definitions. */
export const lambdaSettingDefinitions: Record<string, JsonSchema> = {
  awsLambdaRuntime: { type: 'string', enum: [...AWS_RUNTIMES] },
  awsLambdaArchitecture: { type: 'string', enum: [...AWS_ARCHITECTURES] },
  // Megabytes; `'512'` is coerced to 512.
  awsLambdaMemorySize: { type: 'integer', minimum: 128, maximum: 10240 },
  // Seconds. Above 900 the problem explains Lambda's limit (see TIMEOUT_LIMIT_EXPLANATION).
  awsLambdaTimeout: {
    type: 'integer',
    minimum: 1,
    if: { type: 'number', minimum: LAMBDA_MAX_TIMEOUT_SECONDS + 1 },
    then: { enum: [TIMEOUT_LIMIT_EXPLANATION] },
  },
  // Values become strings in the template: numbers and booleans are coerced, as v3 does.
  awsLambdaEnvironment: {
    type: 'object',
    patternProperties: { '^[A-Za-z_][A-Za-z0-9_]*$': ref('awsCfInstruction') },
    additionalProperties: false,
  },
  awsLambdaLayers: { type: 'array', items: ref('awsArn') },
  // Execution role: a role name or ARN, a logical id of a role in `resources`, or an intrinsic.
  awsLambdaRole: orIntrinsic({ type: 'string', minLength: 1 }),
  awsLambdaTracing: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['Active', 'PassThrough'] }] },
  awsLambdaRuntimeManagement: {
    anyOf: [
      { type: 'string', enum: ['auto', 'onFunctionUpdate'] },
      closedObject(
        { mode: { type: 'string', enum: ['auto', 'onFunctionUpdate', 'manual'] }, arn: ref('awsArn') },
        { required: ['mode'] },
      ),
    ],
  },
  awsLogRetentionInDays: { type: 'integer', enum: [...LOG_RETENTION_DAYS] },
  // A CloudWatch Logs data protection policy document (Name, Version, Statement, …).
  awsLogDataProtectionPolicy: {
    type: 'object',
    properties: {
      Name: { type: 'string' },
      Description: { type: 'string' },
      Version: { type: 'string' },
      Statement: { type: 'array', items: { type: 'object' } },
    },
    required: ['Name', 'Version', 'Statement'],
  },
  awsLambdaVpcConfig: orIntrinsic(
    closedObject({
      securityGroupIds: { anyOf: [{ type: 'array', items: ref('awsCfInstruction'), maxItems: 5 }, ref('awsCfFunction')] },
      subnetIds: { anyOf: [{ type: 'array', items: ref('awsCfInstruction'), maxItems: 16 }, ref('awsCfFunction')] },
      ipv6AllowedForDualStack: { type: 'boolean' },
    }),
  ),
};
