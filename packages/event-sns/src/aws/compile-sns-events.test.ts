import { compileContext } from '@stratus/testing';
import { compileSnsEvents } from './compile-sns-events';

const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const topicArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', name]] });
const permission = (fn: string, sourceArn: unknown) => ({
  Type: 'AWS::Lambda::Permission',
  Properties: { FunctionName: getAtt(`${fn}LambdaFunction`), Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: sourceArn },
});

function compile(functions: Parameters<typeof compileContext>[1]['functions'], region = 'us-east-1') {
  const context = compileContext('sns', { functions, region });
  compileSnsEvents(context);
  return context.builder.template.Resources;
}

describe('created topics', () => {
  test('one topic, inline subscriptions appended by every function, one permission each', () => {
    const resources = compile({
      notify: { events: [{ sns: 'my-topic' }] },
      audit: { events: [{ sns: { topicName: 'my-topic', displayName: 'ignored, the topic exists' } }] },
    });
    expect(resources).toEqual({
      SNSTopicMytopic: {
        Type: 'AWS::SNS::Topic',
        Properties: {
          TopicName: 'my-topic',
          Subscription: [
            { Endpoint: getAtt('NotifyLambdaFunction'), Protocol: 'lambda' },
            { Endpoint: getAtt('AuditLambdaFunction'), Protocol: 'lambda' },
          ],
        },
      },
      NotifyLambdaPermissionMytopicSNS: permission('Notify', topicArn('my-topic')),
      AuditLambdaPermissionMytopicSNS: permission('Audit', topicArn('my-topic')),
    });
  });

  test('displayName and kmsMasterKeyId on the topic the first event creates', () => {
    const resources = compile({ notify: { events: [{ sns: { topicName: 'alerts', displayName: 'Alerts', kmsMasterKeyId: 'alias/aws/sns' } }] } });
    expect(resources.SNSTopicAlerts?.Properties).toEqual({
      TopicName: 'alerts',
      DisplayName: 'Alerts',
      KmsMasterKeyId: 'alias/aws/sns',
      Subscription: [{ Endpoint: getAtt('NotifyLambdaFunction'), Protocol: 'lambda' }],
    });
  });

  test('a filter policy makes a separate subscription (no inline entry), referring to the topic', () => {
    const resources = compile({
      pets: { events: [{ sns: { topicName: 'pets', filterPolicy: { pet: ['dog', 'cat'] }, filterPolicyScope: 'MessageAttributes' } }] },
      all: { events: [{ sns: 'pets' }] },
    });
    expect(resources.SNSTopicPets?.Properties).toEqual({ TopicName: 'pets', Subscription: [{ Endpoint: getAtt('AllLambdaFunction'), Protocol: 'lambda' }] });
    expect(resources.PetsSnsSubscriptionPets).toEqual({
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: 'SNSTopicPets' },
        Protocol: 'lambda',
        Endpoint: getAtt('PetsLambdaFunction'),
        FilterPolicy: { pet: ['dog', 'cat'] },
        FilterPolicyScope: 'MessageAttributes',
      },
    });
    expect(resources.PetsLambdaPermissionPetsSNS).toEqual(permission('Pets', topicArn('pets')));
  });

  test('a filtered subscription alone leaves the topic without Subscription', () => {
    const resources = compile({ pets: { events: [{ sns: { topicName: 'pets', filterPolicy: { pet: ['dog'] } } }] } });
    expect(resources.SNSTopicPets?.Properties).toEqual({ TopicName: 'pets' });
  });

  test('a redrive policy: separate subscription with the queue ARN, and a queue policy allowing this topic', () => {
    const resources = compile({
      byRef: { events: [{ sns: { topicName: 'orders', redrivePolicy: { deadLetterTargetRef: 'OrdersDLQ' } } }] },
      byArn: { events: [{ sns: { topicName: 'orders', redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq' } } }] },
      byImport: { events: [{ sns: { topicName: 'orders', redrivePolicy: { deadLetterTargetImport: { arn: 'DlqArnExport', url: 'DlqUrlExport' } } } }] },
    });
    expect(resources.ByRefSnsSubscriptionOrders?.Properties?.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt('OrdersDLQ') });
    expect(resources.OrdersToByRefDLQPolicy).toEqual({
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        PolicyDocument: {
          Version: '2012-10-17',
          Id: 'OrdersToByRefDLQPolicy',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: getAtt('OrdersDLQ'),
              Condition: { ArnEquals: { 'aws:SourceArn': topicArn('orders') } },
            },
          ],
        },
        Queues: [{ Ref: 'OrdersDLQ' }],
      },
    });
    expect(resources.ByArnSnsSubscriptionOrders?.Properties?.RedrivePolicy).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq' });
    expect((resources.OrdersToByArnDLQPolicy?.Properties as { Queues: unknown[] }).Queues).toEqual([
      { 'Fn::Join': ['', ['https://sqs.', 'eu-west-1', '.', { Ref: 'AWS::URLSuffix' }, '/', '123456789012', '/', 'orders-dlq']] },
    ]);
    expect(resources.ByImportSnsSubscriptionOrders?.Properties?.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::ImportValue': 'DlqArnExport' } });
    expect((resources.OrdersToByImportDLQPolicy?.Properties as { Queues: unknown[] }).Queues).toEqual([{ 'Fn::ImportValue': 'DlqUrlExport' }]);
    expect(resources.SNSTopicOrders?.Properties).toEqual({ TopicName: 'orders' });
  });
});

describe('existing topics', () => {
  test('short ARN: subscription and permission on the ARN, no Region even from another region (as v3)', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:gdelt-csv';
    const resources = compile({ ingest: { events: [{ sns: arn }] } });
    expect(resources).toEqual({
      IngestSnsSubscriptionGdeltcsv: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: arn, Protocol: 'lambda', Endpoint: getAtt('IngestLambdaFunction') } },
      IngestLambdaPermissionGdeltcsvSNS: permission('Ingest', arn),
    });
  });

  test('object-form ARN: Region only when it differs from the deploy region', () => {
    const other = compile({ ingest: { events: [{ sns: { arn: 'arn:aws:sns:eu-west-1:123456789012:t' } }] } });
    expect(other.IngestSnsSubscriptionT?.Properties?.Region).toBe('eu-west-1');
    const same = compile({ ingest: { events: [{ sns: { arn: 'arn:aws:sns:us-east-1:123456789012:t' } }] } });
    expect(same.IngestSnsSubscriptionT?.Properties).not.toHaveProperty('Region');
  });

  test('intrinsic ARN with topicName, with a filter policy and a dead-letter queue', () => {
    const arn = { Ref: 'snsTopic' };
    const resources = compile({
      'post-to-slack': { events: [{ sns: { arn, topicName: 'snsTopic', filterPolicy: { level: ['error'] }, redrivePolicy: { deadLetterTargetRef: 'Dlq' } } }] },
    });
    expect(resources.PostDashtoDashslackSnsSubscriptionSnsTopic?.Properties).toEqual({
      TopicArn: arn,
      Protocol: 'lambda',
      Endpoint: getAtt('PostDashtoDashslackLambdaFunction'),
      FilterPolicy: { level: ['error'] },
      RedrivePolicy: { deadLetterTargetArn: getAtt('Dlq') },
    });
    expect(resources.PostDashtoDashslackLambdaPermissionSnsTopicSNS).toEqual(permission('PostDashtoDashslack', arn));
    expect((resources.SnsTopicToPostDashtoDashslackDLQPolicy?.Properties as { PolicyDocument: { Statement: Array<{ Condition: unknown }> } }).PolicyDocument.Statement[0]?.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': arn },
    });
  });

  test('the same subscription twice is kept once; a conflicting one is refused by the builder', () => {
    const twice = compile({ a: { events: [{ sns: 'arn:aws:sns:us-east-1:123456789012:t' }, { sns: 'arn:aws:sns:us-east-1:123456789012:t' }] } });
    expect(Object.keys(twice)).toEqual(['ASnsSubscriptionT', 'ALambdaPermissionTSNS']);
    expect(() =>
      compile({ a: { events: [{ sns: 'arn:aws:sns:us-east-1:123456789012:t' }, { sns: { arn: 'arn:aws:sns:us-east-1:123456789012:t', filterPolicy: { x: ['y'] } } }] } }),
    ).toThrow(/ASnsSubscriptionT/);
  });
});

test('a function invoked through an alias subscribes the alias', () => {
  const resources = compile({ hot: { provisionedConcurrency: 1, events: [{ sns: 'hot-topic' }] } });
  const aliasArn = { 'Fn::Join': [':', [getAtt('HotLambdaFunction'), 'provisioned']] };
  expect(resources.SNSTopicHottopic?.Properties?.Subscription).toEqual([{ Endpoint: aliasArn, Protocol: 'lambda' }]);
  expect(resources.HotLambdaPermissionHottopicSNS?.Properties?.FunctionName).toEqual(aliasArn);
});

test('SNS_MISSING_TOPIC_NAME surfaces from compilation with the event location', () => {
  expect(() => compile({ f: { events: [{ http: 'GET /' }, { sns: { arn: { 'Fn::ImportValue': 'x' } } }] } })).toThrow(/^functions\.f\.events\[1\]\.sns: "arn" is a CloudFormation function/);
});
