import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintTemplate } from '../support/cfn-lint';
import { copyService, runStratus } from '../support/run-stratus';

/** The bundled example service uses all four event types and packages into a template cfn-lint accepts. */
test('examples/hello-service packages with http, s3, schedule and sns resources', async () => {
  const cwd = copyService(path.resolve(__dirname, '../../examples/hello-service'));
  const run = await runStratus(['package'], { cwd });
  expect(run.stderr).not.toContain('Warning');
  expect(run.code).toBe(0);
  const file = path.join(cwd, '.serverless/cloudformation-template-update-stack.json');
  const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Type: string }> };
  const types = new Set(Object.values(template.Resources).map((resource) => resource.Type));
  for (const type of ['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Method', 'AWS::S3::Bucket', 'AWS::Events::Rule', 'AWS::SNS::Topic', 'AWS::SQS::Queue']) {
    expect(types).toContain(type);
  }
  expect(Object.keys(template.Resources).filter((id) => id.endsWith('LambdaFunction')).sort()).toEqual(['HelloLambdaFunction', 'NightlyLambdaFunction', 'OnNotifyLambdaFunction', 'OnUploadLambdaFunction']);
  const lint = await lintTemplate(file);
  expect(lint.matches.filter((match) => match.level === 'Error')).toEqual([]);
});
