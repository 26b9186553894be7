import type { GetParametersCommandOutput } from '@aws-sdk/client-ssm';
import { SecretsRuntimeError } from './errors';

/** The part of an SSM client the helper uses (an `SSMClient`, or a fake in tests). */
export interface SsmClientLike {
  send(command: unknown): Promise<unknown>;
}

type SsmSdk = typeof import('@aws-sdk/client-ssm');

/** GetParameters takes at most 10 names per call. */
const BATCH_SIZE = 10;

let sdk: SsmSdk | undefined;

/**
 * The SDK is required on first use, not at import: a function that never reads a secret (or runs
 * locally, where values come from the environment) never pays for loading it.
 */
export function loadSsmSdk(): SsmSdk {
  if (sdk) return sdk;
  try {
    sdk = require('@aws-sdk/client-ssm') as SsmSdk;
    return sdk;
  } catch (error) {
    throw new SecretsRuntimeError(
      'SECRETS_RUNTIME_SDK_MISSING',
      'Cannot load @aws-sdk/client-ssm to read secrets. The Lambda Node.js runtimes include it; elsewhere, install it next to @stratus/secrets-runtime.',
      { cause: error },
    );
  }
}

export function createSsmClient(): SsmClientLike {
  const { SSMClient } = loadSsmSdk();
  // Region and credentials come from the Lambda environment (AWS_REGION, the execution role).
  return new SSMClient({});
}

/** Decrypted values of `names`, in calls of 10; every missing parameter is named in one error. */
export async function fetchParameters(client: SsmClientLike, names: readonly string[]): Promise<Map<string, string>> {
  const { GetParametersCommand } = loadSsmSdk();
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (let start = 0; start < names.length; start += BATCH_SIZE) {
    const batch = names.slice(start, start + BATCH_SIZE);
    let output: GetParametersCommandOutput;
    try {
      output = (await client.send(new GetParametersCommand({ Names: batch, WithDecryption: true }))) as GetParametersCommandOutput;
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new SecretsRuntimeError(
        'SECRETS_RUNTIME_SSM_FAILED',
        `Reading secrets ${batch.join(', ')} from SSM Parameter Store failed (${reason}). The execution role needs ssm:GetParameters on them and kms:Decrypt on their key; stratus deploy grants both for the secrets the function declares.`,
        { cause: error },
      );
    }
    for (const parameter of output.Parameters ?? []) {
      if (parameter.Name !== undefined && parameter.Value !== undefined) values.set(parameter.Name, parameter.Value);
    }
    missing.push(...(output.InvalidParameters ?? []));
  }
  for (const name of names) if (!values.has(name) && !missing.includes(name)) missing.push(name);
  if (missing.length > 0) {
    throw new SecretsRuntimeError('SECRETS_RUNTIME_NOT_FOUND', `Secret parameter(s) ${missing.join(', ')} do not exist in SSM Parameter Store. Set them with "stratus secrets set --name <NAME> --stage <stage>".`);
  }
  return values;
}
