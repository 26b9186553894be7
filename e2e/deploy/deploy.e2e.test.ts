/**
 * The product's main job, end to end against the local AWS emulator (moto, on 127.0.0.1): the
 * built CLI deploys the example service (http + s3 + schedule + sns), shows it, skips an unchanged
 * deploy, uploads only what changed, updates one function directly, plans without applying,
 * survives a failing deploy, rolls back and removes it.
 *
 * Where moto (5.2.5) falls short, and what covers it instead:
 * - no per-resource stack events, so a failing resource is caught here by template validation (moto
 *   runs cfn-lint inside ValidateTemplate); the first-failing-resource report and the wait for the
 *   rollback are covered by the stack monitor's unit tests;
 * - after a change-set update moto reports no stack outputs, so the endpoints (built from the
 *   ServiceEndpoint output) are checked with `deploymentMethod: direct`, whose updates keep them;
 * - re-applying an API Gateway method with a MOCK integration (the CORS OPTIONS method) crashes
 *   moto's change-set execution, so the example service has no `cors: true`.
 */
import { writeFileSync, readFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { emulatorClientConfig, emulatorEnv } from '../support/aws-emulator';
import { copyService, runStratus, type StratusRun } from '../support/run-stratus';

const EXAMPLE = path.resolve(__dirname, '../../examples/hello-service');
const STAGE = `e2e${process.pid}`;
const STACK = `hello-stratus-${STAGE}`;

let cwd: string;
const stratus = (...args: string[]): Promise<StratusRun> =>
  runStratus([...args, '--stage', STAGE], { cwd, env: { ...emulatorEnv(), SLS_AWS_MONITORING_FREQUENCY: '100' } });

const cloudFormation = () => new CloudFormationClient(emulatorClientConfig());
const s3 = () => new S3Client({ ...emulatorClientConfig(), forcePathStyle: true });

async function stackStatus(): Promise<string | undefined> {
  try {
    const result = await cloudFormation().send(new DescribeStacksCommand({ StackName: STACK }));
    return result.Stacks?.[0]?.StackStatus;
  } catch {
    return undefined;
  }
}

async function lambdaConfiguration(functionName: string) {
  const result = await new LambdaClient(emulatorClientConfig()).send(new GetFunctionCommand({ FunctionName: functionName }));
  return result.Configuration ?? {};
}

const codeSha256 = async (functionName: string): Promise<string> => String((await lambdaConfiguration(functionName)).CodeSha256);

function expectSuccess(run: StratusRun): void {
  if (run.code !== 0) throw new Error(`stratus exited with ${run.code}\n${run.stderr}\n${run.stdout}`);
}

beforeAll(() => {
  cwd = copyService(EXAMPLE);
});

describe('deploy scenario on the local AWS emulator', () => {
  let firstTimestamp: string;
  let firstNightlySha: string;

  test('first deploy creates the stack and prints the functions', async () => {
    const run = await stratus('deploy');
    expectSuccess(run);
    expect(run.stderr).toContain(`Service deployed to stack ${STACK}`);
    expect(run.stdout).toContain(`nightly: hello-stratus-${STAGE}-nightly`);
    expect(await stackStatus()).toMatch(/^(CREATE|UPDATE)_COMPLETE$/);
    firstNightlySha = await codeSha256(`hello-stratus-${STAGE}-nightly`);
    const list = await stratus('deploy', 'list');
    expectSuccess(list);
    firstTimestamp = /Timestamp: (\d+)/.exec(list.stdout)?.[1] as string;
    expect(firstTimestamp).toMatch(/^\d{13}$/);
  });

  test('info shows the service, the stack and the functions; --json for machines', async () => {
    const run = await stratus('info');
    expectSuccess(run);
    expect(run.stdout).toContain(`stack: ${STACK}`);
    expect(run.stdout).toContain('functions:');
    const json = JSON.parse((await stratus('info', '--json')).stdout) as { stackName: string; functions: unknown[] };
    expect(json.stackName).toBe(STACK);
    expect(json.functions).toHaveLength(4);
  });

  test('deploying again with no change is skipped', async () => {
    const run = await stratus('deploy');
    expectSuccess(run);
    expect(run.stderr).toContain('No changes to deploy. Deployment skipped.');
  });

  test('a code change uploads only that function\'s zip', async () => {
    appendFileSync(path.join(cwd, 'src/nightly.js'), '\n// changed\n');
    const run = await stratus('deploy', '--verbose');
    expectSuccess(run);
    expect(run.stderr).toContain('Uploaded nightly.zip');
    expect(run.stderr).not.toContain('Uploaded hello.zip');
    expect(run.stderr).toContain('Reused hello.zip (unchanged since the previous deployment)');
    expect(await codeSha256(`hello-stratus-${STAGE}-nightly`)).not.toBe(firstNightlySha);
  });

  test('deploy function updates one function directly', async () => {
    appendFileSync(path.join(cwd, 'src/http.js'), '\n// changed directly\n');
    const before = await codeSha256(`hello-stratus-${STAGE}-hello`);
    const run = await stratus('deploy', 'function', '-f', 'hello');
    expectSuccess(run);
    expect(run.stderr).toContain('Function code deployed: hello');
    expect(await codeSha256(`hello-stratus-${STAGE}-hello`)).not.toBe(before);
    const again = await stratus('deploy', 'function', '-f', 'hello');
    expect(again.stderr).toContain('Code did not change. Function deployment skipped.');
  });

  test('deploy --plan shows a pending change without applying it', async () => {
    const config = path.join(cwd, 'serverless.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('    description: Says hello', '    description: Says hello\n    timeout: 12'));
    const run = await stratus('deploy', '--plan');
    expectSuccess(run);
    expect(run.stdout).toContain(`Plan for stack ${STACK}:`);
    expect(run.stdout).toMatch(/~ HelloLambdaFunction \(AWS::Lambda::Function\)/);
    expect(run.stdout).toContain('Nothing was changed.');
    expect((await lambdaConfiguration(`hello-stratus-${STAGE}-hello`)).Timeout).toBe(6);
  });

  test('a failing deploy names the resource and the reason, exits non-zero, and leaves the previous stack working', async () => {
    const config = path.join(cwd, 'serverless.yml');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, good.replace('    JobsQueue:\n      Type: AWS::SQS::Queue', '    JobsQueue:\n      Type: AWS::SQS::Queue\n    BrokenQueue:\n      Type: AWS::SQS::Queue\n      Properties:\n        VisibilityTimeout: not-a-number'));
    const run = await stratus('deploy');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BrokenQueue');
    expect(run.stderr).toContain(`Stack ${STACK} failed to deploy`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await stackStatus()).toMatch(/_COMPLETE$/);
    writeFileSync(config, good);
  });

  test('rollback to the first deployment restores its code', async () => {
    const run = await stratus('rollback', '--timestamp', firstTimestamp);
    expectSuccess(run);
    expect(run.stderr).toContain(`Service rolled back to timestamp "${firstTimestamp}"`);
    expect(await codeSha256(`hello-stratus-${STAGE}-nightly`)).toBe(firstNightlySha);
  });

  test('invoke calls the deployed function; logs reads its log group', async () => {
    // moto does not run function code without Docker: its Invoke answers with the event it was given.
    const invoke = await stratus('invoke', '-f', 'hello', '--data', '{"name":"Ada"}');
    expectSuccess(invoke);
    expect(JSON.parse(invoke.stdout)).toEqual({ name: 'Ada' });
    // No code ran, so the log group (created by the stack) is empty.
    const logs = await stratus('logs', '-f', 'hello', '--startTime', '1h');
    expectSuccess(logs);
    expect(logs.stdout.trim()).toBe('');
  });

  test('remove deletes the stack and the deployment artifacts', async () => {
    const bucketResource = (await cloudFormation().send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === 'ServerlessDeploymentBucketName')?.OutputValue;
    const run = await stratus('remove');
    expectSuccess(run);
    expect(run.stderr).toContain('Service hello-stratus has been successfully removed');
    expect(await stackStatus()).toBeUndefined();
    if (bucketResource) {
      const left = await s3()
        .send(new ListObjectsV2Command({ Bucket: bucketResource, Prefix: `serverless/hello-stratus/${STAGE}/` }))
        .catch(() => ({ Contents: [] }));
      expect(left.Contents ?? []).toHaveLength(0);
    }
  });
});

describe('the direct deployment method (CreateStack / UpdateStack)', () => {
  const DIRECT_STAGE = `direct${process.pid}`;
  let directCwd: string;
  const direct = (...args: string[]): Promise<StratusRun> =>
    runStratus([...args, '--stage', DIRECT_STAGE], { cwd: directCwd, env: { ...emulatorEnv(), SLS_AWS_MONITORING_FREQUENCY: '100' } });

  beforeAll(() => {
    directCwd = copyService(EXAMPLE);
    const config = path.join(directCwd, 'serverless.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  memorySize: 256', '  memorySize: 256\n  deploymentMethod: direct'));
  });

  test('deploys, prints the endpoints, updates, and removes', async () => {
    const first = await direct('deploy');
    expectSuccess(first);
    expect(first.stdout).toMatch(/endpoints:\n {2}GET - https:\/\/\S+\/hello\n {2}POST - https:\/\/\S+\/greet\/\{name\}/);
    const info = JSON.parse((await direct('info', '--json')).stdout) as { endpoints: string[] };
    expect(info.endpoints).toHaveLength(2);
    appendFileSync(path.join(directCwd, 'src/notify.js'), '\n// changed\n');
    // A package made earlier, then deployed as it is.
    expectSuccess(await direct('package', '--package', 'artifacts'));
    const update = await direct('deploy', '--package', 'artifacts');
    expectSuccess(update);
    expect(update.stderr).toContain('Service deployed to stack');
    expectSuccess(await direct('remove'));
  });
});
