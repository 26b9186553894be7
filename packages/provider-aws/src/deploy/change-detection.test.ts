import { emptyTemplate } from '../template/cfn-template';
import { normalizedStateHash, normalizedTemplateHash, sameHashes } from './change-detection';

function template(s3Key: string, deploymentId: string) {
  const t = emptyTemplate();
  t.Resources.HelloLambdaFunction = { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: 'b', S3Key: s3Key }, Handler: 'h' } };
  t.Resources[`ApiGatewayDeployment${deploymentId}`] = { Type: 'AWS::ApiGateway::Deployment', Properties: {} };
  t.Outputs.X = { Value: { Ref: `ApiGatewayDeployment${deploymentId}` } };
  return t;
}

test('the artifact folder and the API Gateway deployment id do not count as changes', () => {
  expect(normalizedTemplateHash(template('a/1.zip', '111'))).toBe(normalizedTemplateHash(template('b/2.zip', '222')));
  const changed = template('a/1.zip', '111');
  (changed.Resources.HelloLambdaFunction!.Properties as { Handler: string }).Handler = 'other';
  expect(normalizedTemplateHash(changed)).not.toBe(normalizedTemplateHash(template('a/1.zip', '111')));
});

test('the state file ignores its templates and the artifact folder', () => {
  const state = (dir: string, templateBody: unknown) => ({ service: { service: 's', provider: { compiledCloudFormationTemplate: templateBody }, package: { artifactDirectoryName: `serverless/s/dev/${dir}` } }, package: { artifactDirectoryName: dir } });
  expect(normalizedStateHash(state('1700000000000-2023-11-14T22:13:20.000Z', 1))).toBe(normalizedStateHash(state('1800000000000-2027-01-15T08:00:00.000Z', 2)));
});

test('same files with the same hashes', () => {
  expect(sameHashes(new Map([['a', '1'], ['b', '2']]), new Map([['b', '2'], ['a', '1']]))).toBe(true);
  expect(sameHashes(new Map([['a', '1']]), new Map([['a', '2']]))).toBe(false);
  expect(sameHashes(new Map([['a', '1']]), new Map([['a', '1'], ['b', '2']]))).toBe(false);
});
