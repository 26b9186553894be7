import type { AwsFunctionConfig, AwsIamRoleConfig, AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';
import type { CfnResource } from '../template/cfn-template';
import type { TemplateBuilder } from '../template/template-builder';

const OWNER = '@stratus/provider-aws (IAM role)';

/** `provider.iam.role` as an object of settings, or undefined when it names an existing role. */
function roleSettings(provider: AwsProviderConfig): AwsIamRoleConfig | undefined {
  const role = provider.iam?.role;
  if (role === undefined) return {};
  if (typeof role === 'string') return undefined;
  const record = role as Record<string, unknown>;
  const isIntrinsic = Object.keys(record).some((key) => key === 'Ref' || key.startsWith('Fn::'));
  return isIntrinsic ? undefined : (record as AwsIamRoleConfig);
}

/** Whether the stack needs the shared execution role (v3's rules). */
export function needsExecutionRole(provider: AwsProviderConfig, functions: Record<string, AwsFunctionConfig>): boolean {
  const list = Object.values(functions);
  if (list.length === 0) return false;
  if (roleSettings(provider) === undefined || 'role' in provider) return false;
  return !list.every((fn) => fn.role !== undefined);
}

const logsArn = (suffix: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${suffix}` });

/** The execution role: log permissions, user statements, managed policies (package:setupProviderConfiguration). */
export function addExecutionRole(builder: TemplateBuilder, service: string, stage: string, provider: AwsProviderConfig, functions: Record<string, AwsFunctionConfig>): void {
  if (!needsExecutionRole(provider, functions)) return;
  const settings = roleSettings(provider) ?? {};
  const prefix = `${service}-${stage}`;
  const createResources: unknown[] = [];
  const putResources: unknown[] = [];
  let anyCanonical = false;
  const denied: AwsFunctionConfig[] = [];
  for (const fn of Object.values(functions)) {
    const canonical = fn.name.startsWith(prefix);
    if (canonical) {
      anyCanonical = true;
      if (fn.disableLogs) denied.push(fn);
      continue;
    }
    if (fn.disableLogs) continue;
    createResources.push(logsArn(`/aws/lambda/${fn.name}:*`));
    putResources.push(logsArn(`/aws/lambda/${fn.name}:*:*`));
  }
  if (anyCanonical) {
    createResources.push(logsArn(`/aws/lambda/${prefix}*:*`));
    putResources.push(logsArn(`/aws/lambda/${prefix}*:*:*`));
  }
  const statements: unknown[] = [];
  if (createResources.length > 0) {
    statements.push({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'], Resource: createResources });
    statements.push({ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: putResources });
  }
  if (denied.length > 0) {
    statements.push({ Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: denied.map((fn) => logsArn(`/aws/lambda/${fn.name}:*`)) });
  }
  statements.push(...(settings.statements ?? provider.iamRoleStatements ?? []));

  const properties: Record<string, unknown> = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    },
    Policies: [{ PolicyName: naming.getPolicyName(service, stage), PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    Path: settings.path ?? '/',
    RoleName: settings.name ?? naming.getRoleName(service, stage),
  };
  const managed = [...(settings.managedPolicies ?? provider.iamManagedPolicies ?? [])];
  const usesVpc = provider.vpc !== undefined || Object.values(functions).some((fn) => fn.vpc);
  if (usesVpc) {
    managed.push({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] });
  }
  if (managed.length > 0) properties.ManagedPolicyArns = managed;
  const boundary = settings.permissionsBoundary ?? provider.rolePermissionsBoundary;
  if (boundary !== undefined) properties.PermissionsBoundary = boundary;
  if (settings.tags) properties.Tags = Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value }));
  builder.addResource(OWNER, naming.getRoleLogicalId(), { Type: 'AWS::IAM::Role', Properties: properties });
}

/** Add a statement to the execution role, if the stack has one (function features need extra permissions). */
export function addRoleStatement(builder: TemplateBuilder, statement: Record<string, unknown>): void {
  const role = builder.getResource(naming.getRoleLogicalId()) as CfnResource | undefined;
  const policies = role?.Properties?.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }> | undefined;
  policies?.[0]?.PolicyDocument.Statement.push(statement);
}
