import type { AwsServiceConfig, CfnResource } from '@stratus/provider-aws';
import { contextForService } from '@stratus/testing';
import { casesWithEvent, diffResources, expectedTemplate, lodashMerge, printConfiguration, selectResources } from '@stratus/testing';
import { compileS3Events } from './aws/compile-s3-events';

/**
 * The resources `s3` events produce: buckets (not the deployment bucket), the existing-bucket custom
 * resources with their handler function and role, and S3's permissions.
 */
const isS3Resource = (id: string, resource: CfnResource): boolean =>
  (resource.Type === 'AWS::S3::Bucket' && id !== 'ServerlessDeploymentBucket') ||
  resource.Type === 'Custom::S3' ||
  id === 'CustomDashresourceDashexistingDashs3LambdaFunction' ||
  id === 'IamRoleCustomResourcesLambdaExecution' ||
  (resource.Type === 'AWS::Lambda::Permission' && resource.Properties?.Principal === 's3.amazonaws.com');

const cases = casesWithEvent('s3');

test('the corpus has the s3 cases this package is checked against', () => {
  expect(cases.map((corpusCase) => corpusCase.name)).toEqual([
    's3-existing-iam-role-arn',
    's3-image-upload-existing',
    's3-processing-python',
    's3-trigger-rules',
    'ses-email-body',
    'workshop-s3-events',
  ]);
});

describe.each(cases.map((corpusCase) => [corpusCase.name, corpusCase] as const))('corpus case %s', (_name, corpusCase) => {
  test('s3 resources match v3', async () => {
    const service = (await printConfiguration(corpusCase)) as unknown as AwsServiceConfig;
    // What the provider records before compiling functions (masked in the comparison).
    service.package = { ...(service.package ?? {}), artifactDirectoryName: `serverless/${service.service}/${service.provider.stage}/1700000000000-2023-11-14T22:13:20.000Z` };
    const context = contextForService('s3', service);
    compileS3Events(context);
    const compiled = context.builder.template.Resources as Record<string, unknown>;
    lodashMerge(compiled, (service.resources?.Resources ?? {}) as Record<string, unknown>);
    const actual = selectResources(compiled as Record<string, CfnResource>, isS3Resource);
    const expected = selectResources(expectedTemplate(corpusCase).Resources, isS3Resource);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    // On purpose: the custom resource runs on nodejs22.x, as v3's nodejs18.x can no longer be deployed.
    const handler = expected.CustomDashresourceDashexistingDashs3LambdaFunction?.Properties;
    if (handler) handler.Runtime = 'nodejs22.x';
    expect(diffResources(actual, expected)).toEqual([]);
  }, 30_000);
});
