import type { EventCompileContext } from '@stratus/provider-aws';
import type { SnsEvent } from '../normalize';
import { OWNER } from './add-resource';

/** The ARN of a topic the stack creates, built from its name (no reference, so no dependency cycle). */
export function createdTopicArn(topicName: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', topicName]] };
}

/**
 * `SNSTopic<Name>`, created once for all functions subscribing to it. A subscription without
 * filter or redrive policy is written inline (`Subscription`); the others are separate resources.
 */
export function addCreatedTopic(context: EventCompileContext, event: SnsEvent, inlineEndpoint: unknown | undefined): string {
  const topicId = context.naming.getTopicLogicalId(event.topicName);
  let topic = context.builder.getResource(topicId);
  if (!topic) {
    const properties: Record<string, unknown> = { TopicName: event.topicName };
    if (event.displayName !== undefined) properties.DisplayName = event.displayName;
    if (event.kmsMasterKeyId !== undefined) properties.KmsMasterKeyId = event.kmsMasterKeyId;
    topic = context.builder.addResource(OWNER, topicId, { Type: 'AWS::SNS::Topic', Properties: properties });
  }
  if (inlineEndpoint !== undefined) {
    const properties = (topic.Properties ??= {});
    const subscriptions = (properties.Subscription ??= []) as unknown[];
    subscriptions.push({ Endpoint: inlineEndpoint, Protocol: 'lambda' });
  }
  return topicId;
}
