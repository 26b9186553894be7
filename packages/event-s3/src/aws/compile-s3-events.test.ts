import { createHash } from 'node:crypto';

import { compileContext, stratusFailure } from '@stratus/testing';
import { lodashMerge } from '@stratus/testing';
import { compileS3Events } from './compile-s3-events';

const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const bucketArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${name}`]] });
const permission = (fn: string, bucket: string) => ({
  Type: 'AWS::Lambda::Permission',
  Properties: { FunctionName: getAtt(`${fn}LambdaFunction`), Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: bucketArn(bucket), SourceAccount: { Ref: 'AWS::AccountId' } },
});

type Options = Parameters<typeof compileContext>[1];
function compile(functions: Options['functions'], options: Partial<Options> = {}) {
  const context = compileContext('s3', { functions, ...options });
  const result = compileS3Events(context);
  return { resources: context.builder.template.Resources, result, context };
}


describe('buckets the stack creates', () => {
  test('short form: the bucket with one notification, depending on the permission', () => {
    const { resources, result } = compile({ resize: { events: [{ s3: 'my-bucket.name_x'.replace('_x', '') }] } });
    expect(result).toEqual({ usesCustomResource: false });
    expect(resources).toEqual({
      S3BucketMybucketname: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketName: 'my-bucket.name',
          NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: getAtt('ResizeLambdaFunction') }] },
        },
        DependsOn: ['ResizeLambdaPermissionMybucketnameS3'],
      },
      ResizeLambdaPermissionMybucketnameS3: permission('Resize', 'my-bucket.name'),
    });
  });

  test('all events on one bucket merge into one resource; rules become a key filter; one permission per function', () => {
    const { resources } = compile({
      created: { events: [{ s3: { bucket: 'suzel-files', event: 's3:ObjectCreated:*', rules: [{ prefix: 'texts/' }, { suffix: '.txt' }] } }] },
      removed: {
        events: [
          { s3: { bucket: 'suzel-files', event: 's3:ObjectRemoved:*', rules: [{ prefix: 'texts/' }] } },
          { s3: { bucket: 'suzel-files', event: 's3:ObjectRemoved:Delete' } },
        ],
      },
    });
    expect(Object.keys(resources)).toEqual(['S3BucketSuzelfiles', 'CreatedLambdaPermissionSuzelfilesS3', 'RemovedLambdaPermissionSuzelfilesS3']);
    expect(resources.S3BucketSuzelfiles).toEqual({
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'suzel-files',
        NotificationConfiguration: {
          LambdaConfigurations: [
            {
              Event: 's3:ObjectCreated:*',
              Function: getAtt('CreatedLambdaFunction'),
              Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'texts/' }, { Name: 'suffix', Value: '.txt' }] } },
            },
            { Event: 's3:ObjectRemoved:*', Function: getAtt('RemovedLambdaFunction'), Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'texts/' }] } } },
            { Event: 's3:ObjectRemoved:Delete', Function: getAtt('RemovedLambdaFunction') },
          ],
        },
      },
      // One entry per event, as v3 (duplicates kept).
      DependsOn: ['CreatedLambdaPermissionSuzelfilesS3', 'RemovedLambdaPermissionSuzelfilesS3', 'RemovedLambdaPermissionSuzelfilesS3'],
    });
    expect(resources.RemovedLambdaPermissionSuzelfilesS3).toEqual(permission('Removed', 'suzel-files'));
  });

  test('provider.s3 settings: the key names the resources, name → BucketName, other keys upper-first, notifications merged', () => {
    const { resources } = compile(
      { resize: { events: [{ s3: 'photos' }, { s3: { bucket: 'photos', event: 's3:ObjectRemoved:*' } }] } },
      {
        provider: {
          s3: {
            photos: {
              name: 'my-photos-bucket',
              versioningConfiguration: { Status: 'Enabled' },
              tags: [{ Key: 'team', Value: 'media' }],
              notificationConfiguration: { topicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: 'arn:aws:sns:us-east-1:123456789012:t' }] },
            },
          },
        },
      },
    );
    expect(resources.S3BucketPhotos).toEqual({
      Type: 'AWS::S3::Bucket',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        Tags: [{ Key: 'team', Value: 'media' }],
        BucketName: 'my-photos-bucket',
        NotificationConfiguration: {
          TopicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: 'arn:aws:sns:us-east-1:123456789012:t' }],
          LambdaConfigurations: [
            { Event: 's3:ObjectCreated:*', Function: getAtt('ResizeLambdaFunction') },
            { Event: 's3:ObjectRemoved:*', Function: getAtt('ResizeLambdaFunction') },
          ],
        },
      },
      DependsOn: ['ResizeLambdaPermissionPhotosS3', 'ResizeLambdaPermissionPhotosS3'],
    });
    expect(resources.ResizeLambdaPermissionPhotosS3).toEqual(permission('Resize', 'my-photos-bucket'));
  });

  test('a provider.s3 key without name is the bucket name itself (it must then be a valid one)', () => {
    const { resources } = compile({ f: { events: [{ s3: 'uploads' }] } }, { provider: { s3: { uploads: { versioningConfiguration: { Status: 'Enabled' } } } } });
    expect(resources.S3BucketUploads?.Properties?.BucketName).toBe('uploads');
    const error = stratusFailure(() => compile({ f: { events: [{ s3: 'bucketOne' }] } }, { provider: { s3: { bucketOne: {} } } }));
    expect(error.code).toBe('S3_INVALID_BUCKET_PATTERN');
    expect(error.message).toBe('functions.f.events[0].s3: "bucketOne" (from provider.s3.bucketOne) is not a valid S3 bucket name.');
    expect(error.hint).toMatch(/Give provider\.s3\.bucketOne a "name"/);
  });

  test('a user resource refers to the generated bucket by its logical id; one with the same id merges over it later', () => {
    const { resources } = compile({ postprocess: { events: [{ s3: 'sesreceiveemailbody' }] } });
    lodashMerge(resources as Record<string, unknown>, {
      S3EMailBucketPermissions: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'S3BucketSesreceiveemailbody' } } },
      S3BucketSesreceiveemailbody: { Properties: { VersioningConfiguration: { Status: 'Enabled' } } },
    });
    expect(resources.S3BucketSesreceiveemailbody?.Properties).toEqual({
      BucketName: 'sesreceiveemailbody',
      NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: getAtt('PostprocessLambdaFunction') }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  test('a function behind an alias: the alias is the notification target and permission subject', () => {
    const { resources } = compile({ hot: { snapStart: true, events: [{ s3: 'hot-bucket' }] } });
    const aliasArn = { 'Fn::Join': [':', [getAtt('HotLambdaFunction'), 'snapstart']] };
    expect((resources.S3BucketHotbucket?.Properties?.NotificationConfiguration as { LambdaConfigurations: Array<{ Function: unknown }> }).LambdaConfigurations[0]?.Function).toEqual(aliasArn);
    expect(resources.HotLambdaPermissionHotbucketS3?.Properties?.FunctionName).toEqual(aliasArn);
  });

  test('errors: invalid bucket name, intrinsic bucket without existing', () => {
    const invalid = stratusFailure(() => compile({ f: { events: [{ http: 'GET /' }, { s3: 'My_Bucket' }] } }));
    expect(invalid.code).toBe('S3_INVALID_BUCKET_PATTERN');
    expect(invalid.message).toBe('functions.f.events[1].s3: "My_Bucket" is not a valid S3 bucket name.');
    expect(invalid.hint).toMatch(/3–63 characters/);
    const intrinsic = stratusFailure(() => compile({ f: { events: [{ s3: { bucket: { Ref: 'Bucket' } } }] } }));
    expect(intrinsic.code).toBe('S3_INTRINSIC_BUCKET_NOT_EXISTING');
    expect(intrinsic.hint).toMatch(/add "existing: true"/);
  });
});

describe('existing buckets (custom resource)', () => {
  const customRole = (statements: unknown[], stage = 'dev', service = 'svc') => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] },
      Policies: [{ PolicyName: { 'Fn::Join': ['-', [stage, service, 'custom-resources-lambda']] }, PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    },
  });
  const bucketStatement = (bucket: unknown) => ({
    Effect: 'Allow',
    Resource: { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 's3', '', '', bucket]] },
    Action: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
  });
  const lambdaStatement = {
    Effect: 'Allow',
    Resource: { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'lambda', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'function', '*']] },
    Action: ['lambda:AddPermission', 'lambda:RemovePermission'],
  };

  test('the Custom::S3 resource, the handler function and its role, as v3', () => {
    const { resources, result } = compile(
      { hello: { events: [{ s3: { bucket: 'pdfv1', event: 's3:ObjectCreated:*', rules: [{ prefix: 'billGeneration/' }, { suffix: '.pdf' }], existing: true } }] } },
      { service: 'serverless-s3', extra: { package: { artifactDirectoryName: 'serverless/serverless-s3/dev/1700000000000-2023-11-14T22:13:20.000Z' } } },
    );
    expect(result).toEqual({ usesCustomResource: true });
    expect(resources).toEqual({
      HelloCustomS31: {
        Type: 'Custom::S3',
        Version: 1,
        DependsOn: ['HelloLambdaFunction', 'CustomDashresourceDashexistingDashs3LambdaFunction'],
        Properties: {
          ServiceToken: getAtt('CustomDashresourceDashexistingDashs3LambdaFunction'),
          FunctionName: 'serverless-s3-dev-hello',
          BucketName: 'pdfv1',
          BucketConfigs: [{ Event: 's3:ObjectCreated:*', Rules: [{ Prefix: 'billGeneration/' }, { Suffix: '.pdf' }] }],
        },
      },
      IamRoleCustomResourcesLambdaExecution: customRole([bucketStatement('pdfv1'), lambdaStatement], 'dev', 'serverless-s3'),
      CustomDashresourceDashexistingDashs3LambdaFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: { S3Bucket: { Ref: 'ServerlessDeploymentBucket' }, S3Key: 'serverless/serverless-s3/dev/1700000000000-2023-11-14T22:13:20.000Z/custom-resources.zip' },
          FunctionName: 'serverless-s3-dev-custom-resource-existing-s3',
          Handler: 's3/handler.handler',
          MemorySize: 1024,
          Runtime: 'nodejs22.x',
          Timeout: 180,
          Role: getAtt('IamRoleCustomResourcesLambdaExecution'),
        },
        DependsOn: ['IamRoleCustomResourcesLambdaExecution'],
      },
    });
  });

  test('several events of a function add bucket configs; forceDeploy sets ForceDeploy; no rules → empty Rules', () => {
    const { resources } = compile({
      f: { events: [{ s3: { bucket: 'shared', existing: true } }, { s3: { bucket: 'shared', event: 's3:ObjectRemoved:*', existing: true, forceDeploy: true } }] },
    });
    expect(resources.FCustomS31?.Properties).toEqual({
      ServiceToken: getAtt('CustomDashresourceDashexistingDashs3LambdaFunction'),
      FunctionName: 'svc-dev-f',
      BucketName: 'shared',
      BucketConfigs: [
        { Event: 's3:ObjectCreated:*', Rules: [] },
        { Event: 's3:ObjectRemoved:*', Rules: [] },
      ],
      ForceDeploy: 1700000000000,
    });
  });

  test('functions on one bucket: chained DependsOn, one handler, statements once each', () => {
    const { resources } = compile({
      a: { events: [{ s3: { bucket: 'shared', existing: true } }] },
      b: { events: [{ s3: { bucket: 'shared', existing: true } }] },
      c: { events: [{ s3: { bucket: { 'Fn::ImportValue': 'OtherBucket' }, existing: true } }] },
    });
    expect(resources.ACustomS31?.DependsOn).toEqual(['ALambdaFunction', 'CustomDashresourceDashexistingDashs3LambdaFunction']);
    expect(resources.BCustomS31?.DependsOn).toEqual(['BLambdaFunction', 'CustomDashresourceDashexistingDashs3LambdaFunction', 'ACustomS31']);
    expect(resources.CCustomS31?.DependsOn).toEqual(['CLambdaFunction', 'CustomDashresourceDashexistingDashs3LambdaFunction']);
    expect(resources.CCustomS31?.Properties?.BucketName).toEqual({ 'Fn::ImportValue': 'OtherBucket' });
    const policy = (resources.IamRoleCustomResourcesLambdaExecution?.Properties?.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>)[0];
    expect(policy?.PolicyDocument.Statement).toEqual([bucketStatement('shared'), bucketStatement({ 'Fn::ImportValue': 'OtherBucket' }), lambdaStatement]);
  });

  test('new and existing buckets side by side', () => {
    const { resources } = compile({ f: { events: [{ s3: 'new-bucket' }] }, g: { events: [{ s3: { bucket: 'old-bucket', existing: true } }] } });
    expect(Object.keys(resources)).toEqual([
      'S3BucketNewbucket',
      'FLambdaPermissionNewbucketS3',
      'GCustomS31',
      'IamRoleCustomResourcesLambdaExecution',
      'CustomDashresourceDashexistingDashs3LambdaFunction',
    ]);
  });

  test('a custom deployment bucket and prefix; a long handler name is shortened as v3 does', () => {
    const service = 'a-service-with-a-rather-long-name-indeed';
    const { resources } = compile(
      { f: { events: [{ s3: { bucket: 'old-bucket', existing: true } }] } },
      { service, stage: 'production', provider: { deploymentBucket: { name: 'my-deploys' }, deploymentPrefix: 'custom' } },
    );
    const properties = resources.CustomDashresourceDashexistingDashs3LambdaFunction?.Properties as { Code: { S3Bucket: unknown; S3Key: string }; FunctionName: string };
    expect(properties.Code.S3Bucket).toBe('my-deploys');
    expect(properties.Code.S3Key).toBe(`custom/${service}/production/1700000000000-2023-11-14T22:13:20.000Z/custom-resources.zip`);
    // `${service}-production-custom-resource-existing-s3` is 77 characters: first 32 + md5 hex.
    const full = `${service}-production-custom-resource-existing-s3`;
    expect(properties.FunctionName).toBe(`a-service-with-a-rather-long-nam${createHash('md5').update(full).digest('hex')}`);
    expect(properties.FunctionName).toHaveLength(64);
  });

  test('provider.iam.deploymentRole runs the handler, and no role is created; a permissions boundary is kept', () => {
    const withDeploymentRole = compile(
      { f: { events: [{ s3: { bucket: 'old-bucket', existing: true } }] } },
      { provider: { iam: { deploymentRole: 'arn:aws:iam::123456789012:role/cfn' } } },
    ).resources;
    expect(withDeploymentRole.IamRoleCustomResourcesLambdaExecution).toBeUndefined();
    expect(withDeploymentRole.CustomDashresourceDashexistingDashs3LambdaFunction?.Properties?.Role).toBe('arn:aws:iam::123456789012:role/cfn');
    expect(withDeploymentRole.CustomDashresourceDashexistingDashs3LambdaFunction?.DependsOn).toBeUndefined();
    const bounded = compile(
      { f: { events: [{ s3: { bucket: 'old-bucket', existing: true } }] } },
      { provider: { iam: { role: { permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary' } } } },
    ).resources;
    expect(bounded.IamRoleCustomResourcesLambdaExecution?.Properties?.PermissionsBoundary).toBe('arn:aws:iam::123456789012:policy/boundary');
  });

  test('S3_MULTIPLE_BUCKETS_PER_FUNCTION, and an invalid existing bucket name', () => {
    const error = stratusFailure(() => compile({ f: { events: [{ s3: { bucket: 'one', existing: true } }, { s3: { bucket: 'two', existing: true } }] } }));
    expect(error.code).toBe('S3_MULTIPLE_BUCKETS_PER_FUNCTION');
    expect(error.message).toBe('functions.f.events[1].s3: function "f" already uses the existing bucket "one"; only one existing bucket can be configured per function, and this event names "two".');
    expect(error.hint).toMatch(/Move the events for the other bucket to another function/);
    expect(stratusFailure(() => compile({ f: { events: [{ s3: { bucket: 'Not Valid', existing: true } }] } })).code).toBe('S3_INVALID_BUCKET_PATTERN');
  });
});
