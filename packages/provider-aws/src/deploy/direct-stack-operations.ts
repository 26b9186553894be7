import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { toStratusError } from '../aws/aws-errors';
import { cloudFormationSdk } from '../aws/sdk';
import type { TemplateSource } from './stack-operations';

/**
 * `provider.deploymentMethod: direct`: CreateStack / UpdateStack without a change set. Returns the
 * stack id, or undefined when CloudFormation had nothing to update.
 */
export async function createStackDirectly(
  cloudFormation: CloudFormationClient,
  input: { stackName: string; template: TemplateSource; parameters: Record<string, unknown>; disableRollback: boolean },
): Promise<string | undefined> {
  const { CreateStackCommand } = cloudFormationSdk();
  const { RollbackConfiguration: _rollback, ...parameters } = input.parameters;
  try {
    const created = await cloudFormation.send(
      new CreateStackCommand({
        StackName: input.stackName,
        ...input.template,
        ...parameters,
        ...(input.disableRollback ? { DisableRollback: true } : { OnFailure: 'DELETE' }),
      } as never),
    );
    return created.StackId;
  } catch (error) {
    throw toStratusError(error, 'CloudFormation', 'createStack');
  }
}

export async function updateStackDirectly(
  cloudFormation: CloudFormationClient,
  input: { stackName: string; template: TemplateSource; parameters: Record<string, unknown>; disableRollback: boolean; stackPolicy?: unknown },
): Promise<string | undefined> {
  const { UpdateStackCommand } = cloudFormationSdk();
  try {
    const updated = await cloudFormation.send(
      new UpdateStackCommand({
        StackName: input.stackName,
        ...input.template,
        ...input.parameters,
        ...(input.disableRollback ? { DisableRollback: true } : {}),
        ...(input.stackPolicy ? { StackPolicyBody: JSON.stringify({ Statement: input.stackPolicy }) } : {}),
      } as never),
    );
    return updated.StackId;
  } catch (error) {
    if (error instanceof Error && /No updates are to be performed/i.test(error.message)) return undefined;
    throw toStratusError(error, 'CloudFormation', 'updateStack');
  }
}
