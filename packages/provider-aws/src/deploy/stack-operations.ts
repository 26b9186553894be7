import type { Change, CloudFormationClient, Stack } from '@aws-sdk/client-cloudformation';
import { isNotFound, toStratusError } from '../aws/aws-errors';
import type { AwsProviderConfig } from '../config-types';
import type { CfnTemplate } from '../template/cfn-template';
import { cloudFormationSdk } from '../aws/sdk';

export async function describeStack(cloudFormation: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  const { DescribeStacksCommand } = cloudFormationSdk();
  try {
    const result = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    return result.Stacks?.[0];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toStratusError(error, 'CloudFormation', 'describeStacks');
  }
}

/** Where CloudFormation reads the template: inline when small, else the uploaded copy. */
export type TemplateSource = { TemplateBody: string } | { TemplateURL: string };

/** Parameters every create/update/change set shares (v3's, deploy-flow.md §1 step 7). */
export function stackParameters(provider: AwsProviderConfig, stage: string, template: CfnTemplate): Record<string, unknown> {
  const stackTags = (provider.stackTags ?? {}) as Record<string, string>;
  const tags = [{ Key: 'STAGE', Value: stage }].filter((tag) => !Object.keys(stackTags).some((key) => key.toUpperCase() === 'STAGE'));
  const parameters: Record<string, unknown> = {
    Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', ...(template.Transform ? ['CAPABILITY_AUTO_EXPAND'] : [])],
    Parameters: provider.stackParameters ?? [],
    Tags: [...tags, ...Object.entries(stackTags).map(([Key, Value]) => ({ Key, Value }))],
    NotificationARNs: provider.notificationArns ?? [],
  };
  const role = provider.iam?.deploymentRole ?? provider.cfnRole;
  if (role) parameters.RoleARN = role;
  if (provider.rollbackConfiguration) parameters.RollbackConfiguration = provider.rollbackConfiguration;
  return parameters;
}

/**
 * For `rollback`: the old template's parameters that have no default and no value in
 * `provider.stackParameters` keep the stack's current value (a value a plugin passes at deploy
 * time only, such as a secret, is not in the configuration when rolling back).
 */
export function rollbackStackParameters(provider: AwsProviderConfig, stage: string, template: CfnTemplate): Record<string, unknown> {
  const parameters = stackParameters(provider, stage, template);
  const given = parameters.Parameters as Array<{ ParameterKey?: string }>;
  const named = new Set(given.map((parameter) => parameter.ParameterKey));
  const declared = (template.Parameters ?? {}) as Record<string, { Default?: unknown }>;
  const kept = Object.entries(declared)
    .filter(([key, definition]) => !named.has(key) && definition?.Default === undefined)
    .map(([key]) => ({ ParameterKey: key, UsePreviousValue: true }));
  return { ...parameters, Parameters: [...given, ...kept] };
}

export interface ChangeSetResult {
  /** False when CloudFormation found nothing to change. */
  hasChanges: boolean;
  changes: Change[];
  stackId: string | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Create a change set and wait until CloudFormation has computed it. */
export async function createChangeSet(
  cloudFormation: CloudFormationClient,
  input: { stackName: string; type: 'CREATE' | 'UPDATE'; template: TemplateSource; parameters: Record<string, unknown> },
): Promise<ChangeSetResult> {
  const { CreateChangeSetCommand, DeleteChangeSetCommand, DescribeChangeSetCommand } = cloudFormationSdk();
  const changeSetName = `${input.stackName}-change-set`;
  if (input.type === 'UPDATE') {
    await cloudFormation.send(new DeleteChangeSetCommand({ StackName: input.stackName, ChangeSetName: changeSetName })).catch(() => undefined);
  }
  let stackId: string | undefined;
  try {
    const created = await cloudFormation.send(
      new CreateChangeSetCommand({ StackName: input.stackName, ChangeSetName: changeSetName, ChangeSetType: input.type, ...input.template, ...input.parameters } as never),
    );
    stackId = created.StackId;
  } catch (error) {
    throw toStratusError(error, 'CloudFormation', 'createChangeSet');
  }
  const changes: Change[] = [];
  for (let attempt = 0; ; attempt += 1) {
    const described = await cloudFormation
      .send(new DescribeChangeSetCommand({ StackName: input.stackName, ChangeSetName: changeSetName }))
      .catch((error: unknown) => {
        throw toStratusError(error, 'CloudFormation', 'describeChangeSet');
      });
    if (described.Status === 'CREATE_COMPLETE') {
      changes.push(...(described.Changes ?? []));
      let next = described.NextToken;
      while (next) {
        const page = await cloudFormation.send(new DescribeChangeSetCommand({ StackName: input.stackName, ChangeSetName: changeSetName, NextToken: next }));
        changes.push(...(page.Changes ?? []));
        next = page.NextToken;
      }
      return { hasChanges: true, changes, stackId: stackId ?? described.StackId };
    }
    if (described.Status === 'FAILED') {
      const reason = described.StatusReason ?? '';
      if (/didn't contain changes|No updates are to be performed/i.test(reason)) {
        await cloudFormation.send(new DeleteChangeSetCommand({ StackName: input.stackName, ChangeSetName: changeSetName })).catch(() => undefined);
        return { hasChanges: false, changes: [], stackId: stackId ?? described.StackId };
      }
      throw toStratusError(Object.assign(new Error(reason), { name: 'ChangeSetFailed' }), 'CloudFormation', 'createChangeSet');
    }
    await sleep(Math.min(250 * 2 ** attempt, 2000));
  }
}

export async function executeChangeSet(cloudFormation: CloudFormationClient, stackName: string, disableRollback: boolean): Promise<void> {
  const { ExecuteChangeSetCommand } = cloudFormationSdk();
  try {
    await cloudFormation.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: `${stackName}-change-set`, ...(disableRollback ? { DisableRollback: true } : {}) }));
  } catch (error) {
    throw toStratusError(error, 'CloudFormation', 'executeChangeSet');
  }
}

export async function deleteChangeSet(cloudFormation: CloudFormationClient, stackName: string): Promise<void> {
  const { DeleteChangeSetCommand } = cloudFormationSdk();
  await cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: `${stackName}-change-set` })).catch(() => undefined);
}

export async function deleteStack(cloudFormation: CloudFormationClient, stackName: string, roleArn?: unknown): Promise<void> {
  const { DeleteStackCommand } = cloudFormationSdk();
  try {
    await cloudFormation.send(new DeleteStackCommand({ StackName: stackName, ...(typeof roleArn === 'string' ? { RoleARN: roleArn } : {}) }));
  } catch (error) {
    throw toStratusError(error, 'CloudFormation', 'deleteStack');
  }
}
