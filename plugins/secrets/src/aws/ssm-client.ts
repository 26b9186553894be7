import type { SSMClient } from '@aws-sdk/client-ssm';

export type SsmSdk = typeof import('@aws-sdk/client-ssm');

/** Where SSM calls go. The endpoint is not here: the SDK reads AWS_ENDPOINT_URL(_SSM) itself. */
export interface AwsTarget {
  region: string;
  profile: string | undefined;
}

/** The part of an SSM client the store uses (an `SSMClient`, or a fake in tests). */
export interface SsmClientLike {
  send(command: unknown): Promise<unknown>;
}

/** Required on first use: `print`, `--help` and local commands never load the SDK. */
export function ssmSdk(): SsmSdk {
  return require('@aws-sdk/client-ssm') as SsmSdk;
}

export function createSsmClient(target: AwsTarget): SSMClient {
  // The SDK's notice about future Node versions is noise for a CLI user (the provider silences it too).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { SSMClient } = ssmSdk();
  return new SSMClient({ region: target.region, ...(target.profile ? { profile: target.profile } : {}) });
}
