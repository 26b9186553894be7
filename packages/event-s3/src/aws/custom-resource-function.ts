import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { CfnResource, EventCompileContext, Naming } from '@stratus/provider-aws';
import { CUSTOM_RESOURCES_ZIP } from './custom-resources-zip';
import { OWNER } from './new-buckets';

/** The function key v3 gives the existing-bucket handler; its logical id follows from it. */
export const CUSTOM_RESOURCE_FUNCTION_KEY = 'custom-resource-existing-s3';
/** v3's settings for the handler function (kept so templates match v3's). */
// v3 uses nodejs18.x, which Lambda no longer accepts for new functions; the handler runs on any Node runtime.
export const CUSTOM_RESOURCE_RUNTIME = 'nodejs22.x';
export const CUSTOM_RESOURCE_HANDLER = 's3/handler.handler';
const MEMORY_SIZE = 1024;
const TIMEOUT = 180;

export const customResourceHandlerLogicalId = (naming: Naming): string => naming.getLambdaLogicalId(CUSTOM_RESOURCE_FUNCTION_KEY);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `<service>-<stage>-custom-resource-existing-s3`; over 64 characters, the first 32 and an MD5 of the whole. */
export function customResourceFunctionName(service: string, stage: string): string {
  const name = `${service}-${stage}-${CUSTOM_RESOURCE_FUNCTION_KEY}`;
  return name.length > 64 ? `${name.slice(0, 32)}${createHash('md5').update(name).digest('hex')}` : name;
}


/** `provider.iam.deploymentRole`: when set, v3 runs custom resources with it and creates no role. */
function deploymentRole(context: EventCompileContext): unknown {
  return context.service.provider.iam?.deploymentRole;
}

function permissionsBoundary(context: EventCompileContext): unknown {
  const role = context.service.provider.iam?.role;
  if (isRecord(role) && role.permissionsBoundary !== undefined) return role.permissionsBoundary;
  return context.service.provider.rolePermissionsBoundary;
}

/** `IamRoleCustomResourcesLambdaExecution`, created on first use; statements are appended once each. */
function addCustomResourcesRole(context: EventCompileContext, statements: Array<Record<string, unknown>>): void {
  const roleId = context.naming.getCustomResourcesRoleLogicalId();
  let role = context.builder.getResource(roleId);
  if (!role) {
    const properties: Record<string, unknown> = {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
      },
      Policies: [
        {
          PolicyName: { 'Fn::Join': ['-', [context.stage, context.service.service, 'custom-resources-lambda']] },
          PolicyDocument: { Version: '2012-10-17', Statement: [] },
        },
      ],
    };
    const boundary = permissionsBoundary(context);
    if (boundary !== undefined) properties.PermissionsBoundary = boundary;
    role = context.builder.addResource(OWNER, roleId, { Type: 'AWS::IAM::Role', Properties: properties });
  }
  const policies = role.Properties?.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>;
  const list = policies[0]?.PolicyDocument.Statement as unknown[];
  for (const statement of statements) if (!list.some((existing) => isDeepStrictEqual(existing, statement))) list.push(statement);
}

/**
 * The function that backs `Custom::S3` (`CustomDashresourceDashexistingDashs3LambdaFunction`), with
 * its code in `<artifact directory>/custom-resources.zip`, and the role it runs with.
 */
export function addCustomResourceHandler(context: EventCompileContext, bucketStatements: Array<Record<string, unknown>>): void {
  const lambdaStatement = {
    Effect: 'Allow',
    Resource: { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'lambda', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'function', '*']] },
    Action: ['lambda:AddPermission', 'lambda:RemovePermission'],
  };
  const customRole = deploymentRole(context);
  const roleId = context.naming.getCustomResourcesRoleLogicalId();
  if (customRole === undefined) addCustomResourcesRole(context, [...bucketStatements, lambdaStatement]);

  const handlerId = customResourceHandlerLogicalId(context.naming);
  if (context.builder.hasResource(handlerId)) return;
  const handler: CfnResource = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Bucket: context.deploymentBucket, S3Key: `${context.artifactDirectoryName}/${CUSTOM_RESOURCES_ZIP}` },
      FunctionName: customResourceFunctionName(context.service.service, context.stage),
      Handler: CUSTOM_RESOURCE_HANDLER,
      MemorySize: MEMORY_SIZE,
      Runtime: CUSTOM_RESOURCE_RUNTIME,
      Timeout: TIMEOUT,
      Role: customRole ?? { 'Fn::GetAtt': [roleId, 'Arn'] },
    },
  };
  if (customRole === undefined) handler.DependsOn = [roleId];
  context.builder.addResource(OWNER, handlerId, handler);
}
