import { stratusFailure } from '@stratus/testing';
import { normalizeS3Event } from './normalize';
import { isValidBucketName } from './schema';

const where = { functionKey: 'resize', index: 0 };


describe('normalizeS3Event', () => {
  test('short form: a bucket, s3:ObjectCreated:*, every key', () => {
    expect(normalizeS3Event('photos')).toEqual({ bucket: 'photos', event: 's3:ObjectCreated:*', rules: [], existing: false, forceDeploy: false });
  });

  test('long form: event, rules in order, existing, forceDeploy', () => {
    expect(
      normalizeS3Event({ bucket: 'pdfv1', event: 's3:ObjectRemoved:*', rules: [{ prefix: 'bills/' }, { suffix: '.pdf' }], existing: true, forceDeploy: true }),
    ).toEqual({
      bucket: 'pdfv1',
      event: 's3:ObjectRemoved:*',
      rules: [
        { type: 'prefix', value: 'bills/' },
        { type: 'suffix', value: '.pdf' },
      ],
      existing: true,
      forceDeploy: true,
    });
    expect(normalizeS3Event({ bucket: 'photos' }).event).toBe('s3:ObjectCreated:*');
  });

  test('an intrinsic bucket and intrinsic rule values are kept', () => {
    const bucket = { 'Fn::ImportValue': 'PhotosBucketName' };
    const prefix = { 'Fn::Sub': '${AWS::StackName}/' };
    expect(normalizeS3Event({ bucket, existing: true, rules: [{ prefix }] })).toEqual({ bucket, event: 's3:ObjectCreated:*', rules: [{ type: 'prefix', value: prefix }], existing: true, forceDeploy: false });
  });

  test('malformed definitions name the event', () => {
    expect(stratusFailure(() => normalizeS3Event(3, where)).message).toBe('functions.resize.events[0].s3: expected a bucket name or an object, got 3.');
    expect(stratusFailure(() => normalizeS3Event('', where)).code).toBe('S3_INVALID_DEFINITION');
    expect(stratusFailure(() => normalizeS3Event({ event: 's3:ObjectCreated:*' }, where)).message).toMatch(/"bucket" must be/);
    expect(stratusFailure(() => normalizeS3Event({ bucket: 'b', event: 'ObjectCreated' }, where)).message).toMatch(/"event" must be an S3 event type/);
    expect(stratusFailure(() => normalizeS3Event({ bucket: 'b', rules: [{ prefix: 'a', suffix: 'b' }] }, where)).message).toMatch(/rules\[0\] must be \{ prefix: … \} or \{ suffix: … \}/);
    expect(stratusFailure(() => normalizeS3Event({ bucket: 'b', rules: [{ contains: 'a' }] }, where)).code).toBe('S3_INVALID_DEFINITION');
    expect(stratusFailure(() => normalizeS3Event({ bucket: 'b', rules: [{ prefix: 1 }] }, where)).message).toMatch(/rules\[0\]\.prefix must be a string/);
    expect(stratusFailure(() => normalizeS3Event({ bucket: 'b', rules: 'x' }, where)).message).toMatch(/"rules" must be a list/);
    expect(stratusFailure(() => normalizeS3Event({ bucket: 'b', existing: 'yes' }, where)).message).toMatch(/"existing" must be true or false/);
  });
});

describe('bucket names', () => {
  test.each(['photos', 'my-bucket.name-1', 'a1b', 'dev-sls-s3-processing-s3incomingbucket', 'x'.repeat(63)])('accepts %s', (name) => {
    expect(isValidBucketName(name)).toBe(true);
  });
  test.each(['ab', 'x'.repeat(64), 'My-Bucket', 'bucket_name', '-bucket', 'bucket-', 'a..b', 'a.-b', '192.168.1.1', 'xn--bucket', 'bucket-s3alias', 'has space'])('refuses %s', (name) => {
    expect(isValidBucketName(name)).toBe(false);
  });
});
