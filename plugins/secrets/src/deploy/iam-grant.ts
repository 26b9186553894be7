import type { Logger } from '@stratus/core';

export interface IamStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const sub = (text: string) => ({ 'Fn::Sub': text });

/** An ARN in the stack's partition, region and account, for Fn::Sub (CloudFormation's ${…}, not JavaScript's). */
function accountArn(service: string, resource: string): unknown {
  return sub('arn:${AWS::Partition}:' + service + ':${AWS::Region}:${AWS::AccountId}:' + resource);
}

/** `arn:…:ssm:<region>:<account>:parameter/shop/prod/DB` for `/shop/prod/DB`. */
export function parameterArn(parameterName: string): unknown {
  return accountArn('ssm', `parameter${parameterName}`);
}

/**
 * kms:Decrypt for the parameters' key, only through SSM. A key ARN or id is the resource itself;
 * an alias (including the default AWS managed `alias/aws/ssm`) cannot be an IAM resource for
 * Decrypt — IAM matches the key's ARN — so it becomes a `kms:ResourceAliases` condition.
 */
export function kmsDecryptStatement(kmsKeyId: string | undefined): IamStatement {
  const viaSsm = { 'kms:ViaService': sub('ssm.${AWS::Region}.amazonaws.com') };
  const key = kmsKeyId ?? 'alias/aws/ssm';
  const aliasArn = /^arn:[^:]+:kms:([^:]*):([^:]*):(alias\/.+)$/.exec(key);
  if (key.startsWith('alias/') || aliasArn) {
    const resource = aliasArn ? `arn:${key.split(':')[1]}:kms:${aliasArn[1]}:${aliasArn[2]}:key/*` : accountArn('kms', 'key/*');
    return { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: resource, Condition: { StringEquals: viaSsm, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': aliasArn ? aliasArn[3] : key } } };
  }
  const resource = key.startsWith('arn:') ? key : accountArn('kms', `key/${key}`);
  return { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: resource, Condition: { StringEquals: viaSsm } };
}

/** What a function needs to read exactly these parameters at run time. */
export function secretStatements(parameterNames: readonly string[], kmsKeyId: string | undefined): IamStatement[] {
  if (parameterNames.length === 0) return [];
  return [
    { Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:GetParameters'], Resource: [...new Set(parameterNames)].sort().map(parameterArn) },
    kmsDecryptStatement(kmsKeyId),
  ];
}

type Record_ = Record<string, unknown>;
const isRecord = (value: unknown): value is Record_ => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Add statements to the shared execution role, where the provider reads them
 * (`provider.iam.role.statements`, or the legacy `provider.iamRoleStatements` when that is used).
 * An existing role (`iam.role: arn…`, `provider.role`) is not ours to change: the user is told what to grant.
 */
export function addRoleStatements(provider: Record_, statements: readonly IamStatement[], log: Logger, parameterNames: readonly string[]): void {
  if (statements.length === 0) return;
  const iam = isRecord(provider.iam) ? provider.iam : undefined;
  const role = iam?.role;
  const existingRole = provider.role !== undefined || (role !== undefined && (!isRecord(role) || Object.keys(role).some((key) => key === 'Ref' || key.startsWith('Fn::'))));
  if (existingRole) {
    log.warning(`provider.iam.role is an existing role: grant it ssm:GetParameter(s) on ${parameterNames.join(', ')} and kms:Decrypt on their key yourself, or the functions cannot read their secrets.`);
    return;
  }
  if (!(isRecord(role) && Array.isArray(role.statements)) && Array.isArray(provider.iamRoleStatements)) {
    (provider.iamRoleStatements as unknown[]).push(...statements);
    return;
  }
  const iamConfig = iam ?? (provider.iam = {} as Record_);
  const roleConfig = isRecord(iamConfig.role) ? iamConfig.role : (iamConfig.role = {} as Record_);
  const list = Array.isArray(roleConfig.statements) ? (roleConfig.statements as unknown[]) : (roleConfig.statements = [] as unknown[]);
  list.push(...statements);
}
