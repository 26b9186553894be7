import { stratusFailure } from '@stratus/testing';
import { normalizeSnsEvent, parseArn, topicNameFromArn } from './normalize';

const where = { functionKey: 'notify', index: 1 };


describe('normalizeSnsEvent', () => {
  test('a topic name: the stack creates the topic', () => {
    expect(normalizeSnsEvent('analyzeNote')).toEqual({ topicName: 'analyzeNote', form: 'name' });
  });

  test('a topic ARN: an existing topic, named by its last segment', () => {
    expect(normalizeSnsEvent('arn:aws:sns:us-east-1:123456789012:gdelt-csv')).toEqual({ topicName: 'gdelt-csv', arn: 'arn:aws:sns:us-east-1:123456789012:gdelt-csv', form: 'arn' });
  });

  test('object form: arn string (topicName from it unless given), intrinsic arn with topicName, topicName alone', () => {
    expect(normalizeSnsEvent({ arn: 'arn:aws:sns:eu-west-1:123456789012:orders' })).toEqual({ topicName: 'orders', arn: 'arn:aws:sns:eu-west-1:123456789012:orders', form: 'object' });
    expect(normalizeSnsEvent({ arn: 'arn:aws:sns:eu-west-1:123456789012:orders', topicName: 'named' }).topicName).toBe('named');
    expect(normalizeSnsEvent({ arn: { Ref: 'snsTopic' }, topicName: 'snsTopic' })).toEqual({ topicName: 'snsTopic', arn: { Ref: 'snsTopic' }, form: 'object' });
    expect(normalizeSnsEvent({ topicName: 'pets', displayName: 'Pets' })).toEqual({ topicName: 'pets', displayName: 'Pets', form: 'object' });
  });

  test('object form keeps the subscription settings', () => {
    const event = normalizeSnsEvent({
      topicName: 'pets',
      kmsMasterKeyId: 'alias/aws/sns',
      filterPolicy: { pet: ['dog', 'cat'] },
      filterPolicyScope: 'MessageBody',
      redrivePolicy: { deadLetterTargetRef: 'PetsDLQ' },
    });
    expect(event).toEqual({
      topicName: 'pets',
      form: 'object',
      kmsMasterKeyId: 'alias/aws/sns',
      filterPolicy: { pet: ['dog', 'cat'] },
      filterPolicyScope: 'MessageBody',
      redrivePolicy: { deadLetterTargetRef: 'PetsDLQ' },
    });
    expect(normalizeSnsEvent({ topicName: 'a', redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } }).redrivePolicy).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
    });
    expect(normalizeSnsEvent({ topicName: 'a', redrivePolicy: { deadLetterTargetImport: { arn: 'ExportedArn', url: 'ExportedUrl' } } }).redrivePolicy).toEqual({
      deadLetterTargetImport: { arn: 'ExportedArn', url: 'ExportedUrl' },
    });
  });

  test('SNS_MISSING_TOPIC_NAME: an intrinsic arn without topicName', () => {
    const error = stratusFailure(() => normalizeSnsEvent({ arn: { 'Fn::ImportValue': 'TopicArn' } }, where));
    expect(error.code).toBe('SNS_MISSING_TOPIC_NAME');
    expect(error.message).toBe('functions.notify.events[1].sns: "arn" is a CloudFormation function, so the topic name cannot be read from it, and "topicName" is missing.');
    expect(error.hint).toMatch(/Add "topicName/);
  });

  test('malformed definitions and redrive policies', () => {
    expect(stratusFailure(() => normalizeSnsEvent(42, where)).code).toBe('SNS_INVALID_DEFINITION');
    expect(stratusFailure(() => normalizeSnsEvent('', where)).message).toMatch(/topic name is empty/);
    expect(stratusFailure(() => normalizeSnsEvent({ displayName: 'x' }, where)).message).toMatch(/needs "topicName" or "arn"/);
    expect(stratusFailure(() => normalizeSnsEvent({ arn: 5 }, where)).message).toMatch(/"arn" must be/);
    expect(stratusFailure(() => normalizeSnsEvent({ topicName: 'a', filterPolicy: 'x' }, where)).message).toMatch(/"filterPolicy" must be an object/);
    const both = stratusFailure(() => normalizeSnsEvent({ topicName: 'a', redrivePolicy: { deadLetterTargetArn: 'arn:x', deadLetterTargetRef: 'Q' } }, where));
    expect(both.code).toBe('SNS_INVALID_REDRIVE_POLICY');
    expect(both.message).toMatch(/names deadLetterTargetArn and deadLetterTargetRef; only one is allowed/);
    expect(stratusFailure(() => normalizeSnsEvent({ topicName: 'a', redrivePolicy: {} }, where)).message).toMatch(/names no dead-letter queue/);
  });
});

test('ARN helpers', () => {
  expect(parseArn('arn:aws:sns:us-east-1:123456789012:topic')).toEqual({ partition: 'aws', service: 'sns', region: 'us-east-1', account: '123456789012', resource: 'topic' });
  expect(topicNameFromArn('arn:aws-cn:sns:cn-north-1:123456789012:t-1')).toBe('t-1');
});
