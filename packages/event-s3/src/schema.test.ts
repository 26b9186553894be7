import { validateWithCli } from '@stratus/testing';

/** The schema as the built CLI validates it (`configValidationMode: error`); see __fixtures__/cli-validation.ts. */
const validate = (events: unknown[]) => validateWithCli('s3', events);

test('accepted forms: a bucket, a provider.s3 key, the long form with every option, an intrinsic existing bucket', async () => {
  const result = await validate([
    'photos',
    'bucketOne',
    { bucket: 'docs', event: 's3:ObjectRemoved:*', rules: [{ prefix: 'in/' }, { suffix: '.pdf' }] },
    { bucket: 'legacy', existing: true, forceDeploy: true },
    { bucket: { 'Fn::ImportValue': 'SharedBucket' }, existing: true, rules: [{ prefix: { 'Fn::Sub': '${AWS::StackName}/' } }] },
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 30_000);

test('rejected forms: the text a user sees', async () => {
  const result = await validate([
    { bucket: 'docs', event: 'ObjectCreated' },
    { bucket: 'docs', rules: [{ prefix: 'a', suffix: 'b' }] },
    { bucket: 'docs', rules: [{ contains: 'x' }] },
    { bucket: 'docs', existing: 'yes' },
    { event: 's3:ObjectCreated:*' },
    { bucket: 'docs', evnt: 's3:ObjectCreated:*' },
  ]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`at 'functions.fn.events.0.s3.event': must match pattern "^s3:.+$"`);
  expect(result.stderr).toContain(`at 'functions.fn.events.1.s3.rules.0': must NOT have more than 1 properties`);
  expect(result.stderr).toContain(`at 'functions.fn.events.2.s3.rules.0.contains': unrecognized property 'contains'`);
  expect(result.stderr).toContain(`at 'functions.fn.events.3.s3.existing': must be boolean`);
  expect(result.stderr).toContain(`at 'functions.fn.events.4.s3': must have required property 'bucket'`);
  expect(result.stderr).toContain(`at 'functions.fn.events.5.s3.evnt': unrecognized property 'evnt' — did you mean 'event'?`);
}, 30_000);
