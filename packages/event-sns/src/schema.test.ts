import { validateWithCli } from '@stratus/testing';

/** The schema as the built CLI validates it (`configValidationMode: error`); see __fixtures__/cli-validation.ts. */
const validate = (events: unknown[]) => validateWithCli('sns', events);

test('accepted forms: name, ARN, object forms with every option', async () => {
  const result = await validate([
    'my-topic_1',
    'arn:aws:sns:us-east-1:123456789012:existing',
    { topicName: 'pets', displayName: 'Pets', kmsMasterKeyId: 'alias/aws/sns', filterPolicy: { pet: ['dog'] }, filterPolicyScope: 'MessageBody' },
    { arn: 'arn:aws:sns:eu-west-1:123456789012:other' },
    { arn: { Ref: 'Topic' }, topicName: 'Topic', redrivePolicy: { deadLetterTargetRef: 'Dlq' } },
    { arn: { 'Fn::Join': [':', ['arn:aws:sns', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 't']] }, topicName: 't' },
    { topicName: 'a', redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } },
    { topicName: 'b', redrivePolicy: { deadLetterTargetImport: { arn: 'DlqArn', url: 'DlqUrl' } } },
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 30_000);

test('rejected forms: the text a user sees', async () => {
  const result = await validate([
    'my topic',
    { displayName: 'no topic' },
    { topicName: 'a', filterPolicy: 'x' },
    { topicName: 'a', redrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:q', deadLetterTargetRef: 'Q' } },
    { topicName: 'a', topicname: 'b' },
  ]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`at 'functions.fn.events.0.sns': must match pattern "^[\\w-]+$"`);
  expect(result.stderr).toContain(`at 'functions.fn.events.0.sns': must match pattern "^arn:"`);
  // An object naming no topic fails every branch; the core reports the event itself.
  expect(result.stderr).toContain(`at 'functions.fn.events.1.sns': unsupported configuration format`);
  expect(result.stderr).toContain(`at 'functions.fn.events.2.sns.filterPolicy': must be object`);
  expect(result.stderr).toContain(`at 'functions.fn.events.3.sns.redrivePolicy': must match exactly one schema in oneOf`);
  expect(result.stderr).toContain(`at 'functions.fn.events.4.sns.topicname': unrecognized property 'topicname' — did you mean 'topicName'?`);
}, 30_000);
