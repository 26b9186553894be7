/**
 * The v3 plugin API's AWS members, end to end: a local Serverless v3-style plugin
 * (service/probe-plugin.js) calls `provider.request(…)` in the SDK v2 convention, `getAccountId()`,
 * `getServerlessDeploymentBucketName()` and `getCredentials()` after the built CLI deployed the
 * service to the local AWS emulator (moto), and reports what it got.
 */
import path from 'node:path';
import { emulatorEnv } from '../support/aws-emulator';
import { copyService, runStratus, type StratusRun } from '../support/run-stratus';

const SERVICE = path.join(__dirname, 'service');
const STAGE = `e2eapi${process.pid}`;
const STACK = `plugin-api-${STAGE}`;

let cwd: string;
const stratus = (...args: string[]): Promise<StratusRun> => runStratus([...args, '--stage', STAGE], { cwd, env: { ...emulatorEnv(), SLS_AWS_MONITORING_FREQUENCY: '100' } });

function expectSuccess(run: StratusRun): void {
  if (run.code !== 0) throw new Error(`stratus exited with ${run.code}\n${run.stderr}\n${run.stdout}`);
}

/** The one JSON line the probe plugin printed. */
function probeOutput(run: StratusRun): Record<string, any> {
  const line = run.stdout.split('\n').find((text) => text.startsWith('{'));
  if (!line) throw new Error(`no JSON line in stdout:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as Record<string, any>;
}

beforeAll(async () => {
  cwd = copyService(SERVICE);
  expectSuccess(await stratus('deploy'));
}, 120_000);

afterAll(async () => {
  await stratus('remove');
}, 120_000);

describe('a v3 plugin calling AWS through the provider, after a deploy', () => {
  let probe: Record<string, any>;

  beforeAll(async () => {
    const run = await stratus('probe');
    expectSuccess(run);
    probe = probeOutput(run);
  }, 60_000);

  test("request('Lambda', 'listVersionsByFunction') returns the plain output (no $metadata)", () => {
    expect(probe.functionName).toBe(`plugin-api-${STAGE}-hello`);
    expect(probe.versions).toContain('$LATEST');
    expect(probe.versionsHaveMetadata).toBe(false);
  });

  test("request('CloudFormation', 'describeStacks') reads the deployed stack", () => {
    expect(probe.stackStatus).toMatch(/^(CREATE|UPDATE)_COMPLETE$/);
  });

  test('a failed request throws the v2-shaped error v3 plugins check', () => {
    expect(probe.missingStack).toEqual({
      isError: true,
      name: 'ServerlessError',
      code: 'AWS_CLOUD_FORMATION_DESCRIBE_STACKS_VALIDATION_ERROR',
      message: expect.stringContaining('does not exist'),
      statusCode: 400,
      providerErrorCodeExtension: 'VALIDATION_ERROR',
      providerError: { code: 'ValidationError', statusCode: 400, retryable: false },
    });
  });

  test('getAccountId, getServerlessDeploymentBucketName (from the stack), S3 on the emulator, useCache, getCredentials', () => {
    expect(probe.accountId).toMatch(/^\d{12}$/);
    expect(probe.bucket).toMatch(new RegExp(`^${STACK}-serverlessdeploymentbucket`, 'i'));
    expect(probe.bucketHasArtifacts).toBe(true);
    expect(probe.cachedIdentity).toBe(true);
    expect(probe.accessKeyId).toBe(emulatorEnv().AWS_ACCESS_KEY_ID);
    expect([probe.stage, probe.region]).toEqual([STAGE, 'us-east-1']);
  });
});

describe('what the plugin asks for that is not there', () => {
  test('a service whose SDK client is not installed: the plugin, the call and the npm command are named', async () => {
    const run = await stratus('probe-missing-client');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Plugin "./probe-plugin.js" called provider.request('Kafka', 'listClusters'), which needs @aws-sdk/client-kafka`);
    expect(run.stderr).toContain('npm install -D @aws-sdk/client-kafka');
    expect(run.stderr).toContain('AWS_SDK_CLIENT_NOT_INSTALLED');
  });

  test('the SDK v2 module (provider.sdk) is reported by name', async () => {
    const run = await stratus('probe-sdk');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Plugin "./probe-plugin.js" used serverless.getProvider('aws').sdk, which Stratus does not implement.`);
    expect(run.stderr).toContain("provider.request('<Service>', '<method>', params)");
  });
});
