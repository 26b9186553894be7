import type { EventCompileContext } from '@stratus/provider-aws';
import { normalizeSnsEvent, parseArn, type SnsEvent } from '../normalize';
import { addResourceOnce } from './add-resource';
import { addDeadLetterQueuePolicy } from './dead-letter-queue';
import { addCreatedTopic, createdTopicArn } from './topic';

/** `Region` on a subscription to an existing topic: v3 sets it for object-form string ARNs in another region. */
function subscriptionRegion(event: SnsEvent, deployRegion: string): string | undefined {
  if (event.form !== 'object' || typeof event.arn !== 'string') return undefined;
  const { region } = parseArn(event.arn);
  return region && region !== deployRegion ? region : undefined;
}

function compileOne(context: EventCompileContext, functionKey: string, event: SnsEvent): void {
  const { naming, builder } = context;
  const endpoint = context.functionTargetArn(functionKey);
  const separateSubscription = event.arn !== undefined || event.filterPolicy !== undefined || event.redrivePolicy !== undefined;
  let topicArn: unknown;
  let subscriptionTopicArn: unknown;
  if (event.arn !== undefined) {
    topicArn = event.arn;
    subscriptionTopicArn = event.arn;
  } else {
    const topicId = addCreatedTopic(context, event, separateSubscription ? undefined : endpoint);
    topicArn = createdTopicArn(event.topicName);
    subscriptionTopicArn = { Ref: topicId };
  }

  if (separateSubscription) {
    const properties: Record<string, unknown> = { TopicArn: subscriptionTopicArn, Protocol: 'lambda', Endpoint: endpoint };
    if (event.filterPolicy !== undefined) properties.FilterPolicy = event.filterPolicy;
    if (event.filterPolicyScope !== undefined) properties.FilterPolicyScope = event.filterPolicyScope;
    if (event.redrivePolicy !== undefined) properties.RedrivePolicy = addDeadLetterQueuePolicy(context, functionKey, event.topicName, topicArn, event.redrivePolicy);
    const region = subscriptionRegion(event, context.region);
    if (region !== undefined) properties.Region = region;
    addResourceOnce(builder, naming.getLambdaSnsSubscriptionLogicalId(functionKey, event.topicName), { Type: 'AWS::SNS::Subscription', Properties: properties });
  }

  addResourceOnce(builder, naming.getLambdaSnsPermissionLogicalId(functionKey, event.topicName), {
    Type: 'AWS::Lambda::Permission',
    Properties: { FunctionName: endpoint, Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: topicArn },
  });
}

/** Every `sns` event of the service, in function order (the order inline subscriptions are listed in). */
export function compileSnsEvents(context: EventCompileContext): void {
  for (const { functionKey, index, definition } of context.events) {
    compileOne(context, functionKey, normalizeSnsEvent(definition, { functionKey, index }));
  }
}
