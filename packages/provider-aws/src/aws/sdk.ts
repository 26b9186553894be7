/**
 * The AWS SDK v3 packages, each `require`d on first use so that commands which never talk to AWS
 * (`--help`, `--version`, `print`, `package`) never load them. Import only types at module top.
 */
export type CloudFormationSdk = typeof import('@aws-sdk/client-cloudformation');
export type S3Sdk = typeof import('@aws-sdk/client-s3');
export type LambdaSdk = typeof import('@aws-sdk/client-lambda');
export type CloudWatchLogsSdk = typeof import('@aws-sdk/client-cloudwatch-logs');
export type SsmSdk = typeof import('@aws-sdk/client-ssm');
export type StsSdk = typeof import('@aws-sdk/client-sts');
export type CredentialProvidersSdk = typeof import('@aws-sdk/credential-providers');

export const cloudFormationSdk = (): CloudFormationSdk => require('@aws-sdk/client-cloudformation');
export const s3Sdk = (): S3Sdk => require('@aws-sdk/client-s3');
export const lambdaSdk = (): LambdaSdk => require('@aws-sdk/client-lambda');
export const cloudWatchLogsSdk = (): CloudWatchLogsSdk => require('@aws-sdk/client-cloudwatch-logs');
export const ssmSdk = (): SsmSdk => require('@aws-sdk/client-ssm');
export const stsSdk = (): StsSdk => require('@aws-sdk/client-sts');
export const credentialProvidersSdk = (): CredentialProvidersSdk => require('@aws-sdk/credential-providers');
