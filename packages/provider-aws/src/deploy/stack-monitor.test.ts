import { createLogger } from '@stratus/core';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { monitorStack, stackFailedError } from './stack-monitor';

process.env.SLS_AWS_MONITORING_FREQUENCY = '1';

/** A CloudFormation client whose DescribeStacks / DescribeStackEvents answers follow a script. */
function scriptedCloudFormation(statuses: string[], events: Array<Record<string, unknown>>): CloudFormationClient {
  let poll = 0;
  return {
    send: async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'DescribeStackEventsCommand') return { StackEvents: events.slice(0, poll + 1).reverse() };
      const status = statuses[Math.min(poll, statuses.length - 1)];
      poll += 1;
      return { Stacks: [{ StackStatus: status }] };
    },
  } as unknown as CloudFormationClient;
}

function capture() {
  const lines: string[] = [];
  const log = createLogger({ verbose: true, sink: { write: (text) => lines.push(text) }, textSink: { write: () => undefined } });
  const progress = { create: () => ({ update: () => undefined, notice: () => undefined, info: () => undefined, remove: () => undefined }), get: () => ({}) as never };
  return { log, progress, lines };
}

const event = (id: string, logicalId: string, status: string, reason?: string) => ({
  EventId: id,
  Timestamp: new Date(Date.now() + 10_000),
  LogicalResourceId: logicalId,
  ResourceType: logicalId === 'stack' ? 'AWS::CloudFormation::Stack' : 'AWS::SQS::Queue',
  ResourceStatus: status,
  ...(reason ? { ResourceStatusReason: reason } : {}),
});

test('an update that fails reports the first failing resource and waits for the rollback to finish', async () => {
  const { log, progress, lines } = capture();
  const cloudFormation = scriptedCloudFormation(
    ['UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE'],
    [
      event('1', 'Jobs', 'UPDATE_IN_PROGRESS'),
      event('2', 'Broken', 'UPDATE_FAILED', 'Value not-a-number for VisibilityTimeout must be an integer'),
      event('3', 'Other', 'UPDATE_FAILED', 'Resource creation cancelled'),
      event('4', 'Jobs', 'UPDATE_COMPLETE'),
    ],
  );
  const result = await monitorStack({ cloudFormation, stackId: 'id', action: 'update', since: new Date(), log, progress, verbose: true, region: 'us-east-1' });
  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(result.firstFailure).toEqual({ logicalId: 'Broken', type: 'AWS::SQS::Queue', status: 'UPDATE_FAILED', reason: 'Value not-a-number for VisibilityTimeout must be an integer' });
  expect(lines.join('')).toContain('  UPDATE_FAILED - AWS::SQS::Queue - Broken');
  const error = stackFailedError('svc-dev', 'us-east-1', result, 'update');
  expect(error.message).toBe('Stack svc-dev could not be updated: Broken (AWS::SQS::Queue) failed: Value not-a-number for VisibilityTimeout must be an integer. The stack is now UPDATE_ROLLBACK_COMPLETE.');
  expect(error.code).toBe('AWS_CLOUD_FORMATION_UPDATE_STACK_INTERNAL_SQS_QUEUE_UPDATE_FAILED');
  expect(error.hint).toContain('previous deployment is still running');
});

test('a successful create ends on CREATE_COMPLETE without a failure', async () => {
  const { log, progress } = capture();
  const cloudFormation = scriptedCloudFormation(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE'], [event('1', 'Jobs', 'CREATE_COMPLETE')]);
  await expect(monitorStack({ cloudFormation, stackId: 'id', action: 'create', since: new Date(), log, progress, verbose: false, region: 'us-east-1' })).resolves.toEqual({ status: 'CREATE_COMPLETE' });
});

test('a stack that disappears while deleting counts as deleted', async () => {
  const { log, progress } = capture();
  const gone = Object.assign(new Error('Stack with id x does not exist'), { name: 'ValidationError' });
  const cloudFormation = { send: async () => Promise.reject(gone) } as unknown as CloudFormationClient;
  await expect(monitorStack({ cloudFormation, stackId: 'id', action: 'delete', since: new Date(), log, progress, verbose: false, region: 'us-east-1' })).resolves.toEqual({ status: 'DELETE_COMPLETE' });
});
