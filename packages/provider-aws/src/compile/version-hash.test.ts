import { createHash } from 'node:crypto';
import { naming } from '../naming/naming';
import { lambdaVersionHash, stableStringify } from './version-hash';

test('keys are sorted with localeCompare, so layerConfigurations lands between Handler and MemorySize', () => {
  const text = stableStringify({ Timeout: 6, MemorySize: 1024, layerConfigurations: [], Handler: 'h', FunctionName: 'f', Role: { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] }, Runtime: 'nodejs18.x' });
  expect(text).toBe('{"FunctionName":"f","Handler":"h","layerConfigurations":[],"MemorySize":1024,"Role":{"Fn::GetAtt":["IamRoleLambdaExecution","Arn"]},"Runtime":"nodejs18.x","Timeout":6}');
});

test("reproduces v3's hash: sha256(zipHash + sorted properties without Code/Tags/Reserved + layerConfigurations)", () => {
  const zipHash = 'MxkoZWrsWlO2VRjlhcdH7zsuJAM+ZR6wOkKGX4qhMnY=';
  const properties = {
    Code: { S3Bucket: 'b', S3Key: 'k' },
    Handler: 'handler.hello',
    Runtime: 'nodejs18.x',
    FunctionName: 'my-svc-dev-hello',
    MemorySize: 1024,
    Timeout: 6,
    Tags: [{ Key: 'a', Value: 'b' }],
    ReservedConcurrentExecutions: 3,
    Role: { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] },
  };
  const expected = createHash('sha256')
    .update(zipHash)
    .update('{"FunctionName":"my-svc-dev-hello","Handler":"handler.hello","layerConfigurations":[],"MemorySize":1024,"Role":{"Fn::GetAtt":["IamRoleLambdaExecution","Arn"]},"Runtime":"nodejs18.x","Timeout":6}')
    .digest('base64');
  const hash = lambdaVersionHash({ codeSha256: zipHash, functionProperties: properties });
  expect(hash).toBe(expected);
  expect(naming.getLambdaVersionLogicalId('hello', hash)).toBe(`HelloLambdaVersion${expected.replace(/[^0-9a-z]/gi, '')}`);
});

test('code, configuration and layers change the hash; Tags and reserved concurrency do not', () => {
  const base = { codeSha256: 'abc', functionProperties: { Handler: 'h', Tags: [1] } };
  const hash = lambdaVersionHash(base);
  expect(lambdaVersionHash({ ...base, codeSha256: 'abd' })).not.toBe(hash);
  expect(lambdaVersionHash({ ...base, functionProperties: { Handler: 'h2', Tags: [1] } })).not.toBe(hash);
  expect(lambdaVersionHash({ ...base, layerCodeSha256s: ['l'] })).not.toBe(hash);
  expect(lambdaVersionHash({ ...base, functionProperties: { Handler: 'h', Tags: [2], ReservedConcurrentExecutions: 5 } })).toBe(hash);
});

test("matches the version logical id Serverless v3 produced for a corpus service", () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const file = path.resolve(__dirname, '../../../../../shared/corpus/dynamodb-backup/expected/cloudformation-template-update-stack.json');
  const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
  const [versionId, version] = Object.entries(template.Resources).find(([id]) => id.startsWith('BackupLambdaVersion'))!;
  const hash = lambdaVersionHash({ codeSha256: version.Properties.CodeSha256 as string, functionProperties: template.Resources.BackupLambdaFunction!.Properties });
  expect(naming.getLambdaVersionLogicalId('backup', hash)).toBe(versionId);
});
