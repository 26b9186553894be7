import type { AwsFunctionConfig, AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';

export interface FunctionRole {
  /** The `Role` property. */
  value: unknown;
  /** A logical id the function must depend on (a role defined in the template). */
  dependsOn?: string;
}

const isIntrinsic = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && Object.keys(value).some((key) => key === 'Ref' || key.startsWith('Fn::'));

/** v3's role rules: a function's `role`, else an existing provider role, else the shared execution role. */
export function functionRole(fn: AwsFunctionConfig, provider: AwsProviderConfig): FunctionRole {
  const providerRole = typeof provider.iam?.role === 'string' || isIntrinsic(provider.iam?.role) ? provider.iam?.role : provider.role;
  const role = fn.role ?? providerRole;
  if (role === undefined) return { value: { 'Fn::GetAtt': [naming.getRoleLogicalId(), 'Arn'] } };
  if (typeof role === 'string') {
    if (role.startsWith('arn:')) return { value: role };
    return { value: { 'Fn::GetAtt': [role, 'Arn'] }, dependsOn: role };
  }
  const getAtt = (role as Record<string, unknown>)['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return { value: role, dependsOn: getAtt[0] };
  return { value: role };
}
