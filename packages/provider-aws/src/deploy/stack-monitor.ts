import type { CloudFormationClient, StackEvent } from '@aws-sdk/client-cloudformation';
import { StratusError, type Logger, type ProgressFactory } from '@stratus/core';
import { toStratusError, isNotFound } from '../aws/aws-errors';
import { monitoringInterval } from './deploy-context';
import { cloudFormationSdk } from '../aws/sdk';
import { isFailedResourceStatus, outcomeOf, type StackAction } from './stack-status';

export interface MonitorInput {
  cloudFormation: CloudFormationClient;
  stackId: string;
  action: StackAction;
  /** Only events after this moment belong to this operation. */
  since: Date;
  log: Logger;
  progress: ProgressFactory;
  verbose: boolean;
  region: string;
}

export interface MonitorResult {
  status: string;
  /** The first resource that failed, with CloudFormation's reason. */
  firstFailure?: { logicalId: string; type: string; status: string; reason: string };
}

const VERB: Record<StackAction, string> = { create: 'Creating', update: 'Updating', delete: 'Removing' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follow a stack operation to its end, showing resources as they change: a progress line (a
 * spinner on a TTY), every event with --verbose. On failure it waits for CloudFormation's own
 * rollback to finish, so the previous deployment is working again when the command returns.
 */
export async function monitorStack(input: MonitorInput): Promise<MonitorResult> {
  const { DescribeStackEventsCommand, DescribeStacksCommand } = cloudFormationSdk();
  const seen = new Set<string>();
  const progress = input.progress.create({ message: `${VERB[input.action]} CloudFormation stack`, name: 'stack' });
  let done = 0;
  let firstFailure: MonitorResult['firstFailure'];
  try {
    for (;;) {
      let events: StackEvent[] = [];
      try {
        const page = await input.cloudFormation.send(new DescribeStackEventsCommand({ StackName: input.stackId }));
        events = (page.StackEvents ?? []).filter((event) => event.Timestamp && event.Timestamp >= new Date(input.since.getTime() - 1000));
      } catch (error) {
        if (input.action === 'delete' && isNotFound(error)) return { status: 'DELETE_COMPLETE' };
        throw toStratusError(error, 'CloudFormation', 'describeStackEvents');
      }
      for (const event of events.reverse()) {
        if (!event.EventId || seen.has(event.EventId)) continue;
        seen.add(event.EventId);
        if (event.ResourceType === 'AWS::CloudFormation::Stack') continue;
        if (event.ResourceStatus?.endsWith('_COMPLETE')) done += 1;
        if (input.verbose) input.log.notice(`  ${event.ResourceStatus} - ${event.ResourceType} - ${event.LogicalResourceId}`);
        if (!firstFailure && isFailedResourceStatus(event.ResourceStatus) && event.ResourceStatusReason !== 'Resource creation cancelled') {
          firstFailure = {
            logicalId: event.LogicalResourceId ?? '?',
            type: event.ResourceType ?? '?',
            status: event.ResourceStatus ?? '?',
            reason: event.ResourceStatusReason ?? 'no reason given',
          };
          input.log.error(`${firstFailure.logicalId} (${firstFailure.type}) ${firstFailure.status}: ${firstFailure.reason}`);
          progress.update('Waiting for CloudFormation to roll back');
        }
      }
      if (!firstFailure) progress.update(`${VERB[input.action]} CloudFormation stack (${done} resources done)`);

      let status: string | undefined;
      try {
        const described = await input.cloudFormation.send(new DescribeStacksCommand({ StackName: input.stackId }));
        status = described.Stacks?.[0]?.StackStatus;
      } catch (error) {
        if (input.action === 'delete' && isNotFound(error)) return { status: 'DELETE_COMPLETE' };
        throw toStratusError(error, 'CloudFormation', 'describeStacks');
      }
      const outcome = outcomeOf(input.action, status);
      if (outcome === 'success') return { status: status as string };
      if (outcome === 'failure') return { status: status as string, ...(firstFailure ? { firstFailure } : {}) };
      await sleep(monitoringInterval());
    }
  } finally {
    progress.remove();
  }
}

/** The error a failed stack operation ends with: the first failing resource and its reason. */
export function stackFailedError(stackName: string, region: string, result: MonitorResult, action: StackAction): StratusError {
  const failure = result.firstFailure;
  const what = failure ? `${failure.logicalId} (${failure.type}) failed: ${failure.reason}` : `the stack ended in ${result.status}`;
  const code = failure
    ? `AWS_CLOUD_FORMATION_${action.toUpperCase()}_STACK_INTERNAL_${failure.type.replace(/^AWS::/, '').replace(/::/g, '_').toUpperCase()}_${failure.status}`
    : `AWS_CLOUD_FORMATION_${action.toUpperCase()}_STACK_FAILED`;
  return new StratusError(code, `Stack ${stackName} could not be ${action === 'delete' ? 'removed' : action + 'd'}: ${what}. The stack is now ${result.status}.`, {
    hint:
      action === 'update'
        ? 'CloudFormation rolled the stack back, so the previous deployment is still running. Fix the resource named above and deploy again.'
        : `Fix the resource named above and run the command again. Console: https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}`,
  });
}
