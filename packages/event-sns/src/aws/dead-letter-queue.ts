import type { EventCompileContext } from '@stratus/provider-aws';
import { parseArn, type SnsRedrivePolicy } from '../normalize';
import { addResourceOnce } from './add-resource';

/** The queue a redrive policy names: its ARN (for the subscription) and URL (for the queue policy). */
export function deadLetterQueue(policy: SnsRedrivePolicy): { arn: unknown; url: unknown } {
  if ('deadLetterTargetArn' in policy) {
    const { region, account, resource } = parseArn(policy.deadLetterTargetArn);
    return {
      arn: policy.deadLetterTargetArn,
      url: { 'Fn::Join': ['', ['https://sqs.', region, '.', { Ref: 'AWS::URLSuffix' }, '/', account, '/', resource]] },
    };
  }
  if ('deadLetterTargetRef' in policy) return { arn: { 'Fn::GetAtt': [policy.deadLetterTargetRef, 'Arn'] }, url: { Ref: policy.deadLetterTargetRef } };
  return { arn: { 'Fn::ImportValue': policy.deadLetterTargetImport.arn }, url: { 'Fn::ImportValue': policy.deadLetterTargetImport.url } };
}

/**
 * `<Topic>To<Fn>DLQPolicy`: lets SNS send the subscription's failed deliveries to the queue, and
 * only from this topic. Returns the `RedrivePolicy` the subscription carries.
 */
export function addDeadLetterQueuePolicy(context: EventCompileContext, functionKey: string, topicName: string, topicArn: unknown, policy: SnsRedrivePolicy): Record<string, unknown> {
  const queue = deadLetterQueue(policy);
  const policyId = context.naming.getTopicDLQPolicyLogicalId(functionKey, topicName);
  addResourceOnce(context.builder, policyId, {
    Type: 'AWS::SQS::QueuePolicy',
    Properties: {
      PolicyDocument: {
        Version: '2012-10-17',
        Id: policyId,
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: queue.arn,
            Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
          },
        ],
      },
      Queues: [queue.url],
    },
  });
  return { deadLetterTargetArn: queue.arn };
}
