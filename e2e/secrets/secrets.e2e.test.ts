/**
 * The secrets plugin end to end against the local AWS emulator (moto, on 127.0.0.1): secrets set
 * and listed in SSM Parameter Store through the built CLI, a function deployed with two of them
 * in runtime mode (names in its environment, exactly those parameters in its role, no value in
 * the template, `.serverless/` or the zip), the same in deploy mode (values only as NoEcho stack
 * parameters), and everything removed again.
 *
 * moto runs no function code without Docker, so the runtime helper is checked here, in the test
 * process, against the environment the deployed function got.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand, DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { configureSecrets, loadSecrets } from '@stratus/secrets-runtime';
import { awsQuery, emulatorClientConfig, emulatorEnv } from '../support/aws-emulator';
import { copyService, runStratus, type StratusRun } from '../support/run-stratus';
import { zipEntries } from './zip-entries';

const SERVICE_DIR = path.join(__dirname, 'service');
const SERVICE = 'secrets-e2e';

const cloudFormation = () => new CloudFormationClient(emulatorClientConfig());
const ssm = () => new SSMClient(emulatorClientConfig());

function expectSuccess(run: StratusRun): StratusRun {
  if (run.code !== 0) throw new Error(`stratus exited with ${run.code}\n${run.stderr}\n${run.stdout}`);
  return run;
}

/** Every file under `dir`, zips expanded: name → content. */
function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      for (const [name, text] of filesUnder(file)) out.set(name, text);
    } else if (entry.endsWith('.zip')) {
      const zip = readFileSync(file);
      out.set(file, zip.toString('latin1'));
      for (const [name, data] of zipEntries(zip)) out.set(`${file}:${name}`, data.toString('utf8'));
    } else {
      out.set(file, readFileSync(file, 'utf8'));
    }
  }
  return out;
}

function expectNoValue(where: string, text: string, values: readonly string[]): void {
  for (const value of values) {
    if (text.includes(value)) throw new Error(`${where} contains the secret value ${JSON.stringify(value)}`);
  }
}

async function stackStatus(stack: string): Promise<string | undefined> {
  try {
    return (await cloudFormation().send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.StackStatus;
  } catch {
    return undefined;
  }
}

async function deployedEnvironment(functionName: string): Promise<Record<string, string>> {
  const result = await new LambdaClient(emulatorClientConfig()).send(new GetFunctionCommand({ FunctionName: functionName }));
  return result.Configuration?.Environment?.Variables ?? {};
}

/** The statements of the execution role's inline policy, as IAM holds them. */
async function rolePolicyStatements(stack: string): Promise<Array<{ Action: string | string[]; Resource: string | string[]; Condition?: unknown }>> {
  const resources = await cloudFormation().send(new DescribeStackResourcesCommand({ StackName: stack }));
  const roleName = resources.StackResources?.find((resource) => resource.LogicalResourceId === 'IamRoleLambdaExecution')?.PhysicalResourceId;
  if (!roleName) throw new Error('no execution role in the stack');
  const list = await awsQuery('iam', '2010-05-08', 'ListRolePolicies', { RoleName: roleName });
  const policyName = /<member>([^<]+)<\/member>/.exec(list.text)?.[1];
  if (!policyName) throw new Error(`no inline policy on ${roleName}: ${list.text}`);
  const policy = await awsQuery('iam', '2010-05-08', 'GetRolePolicy', { RoleName: roleName, PolicyName: policyName });
  const document = /<PolicyDocument>([\s\S]*?)<\/PolicyDocument>/.exec(policy.text)?.[1] ?? '';
  const decoded = decodeURIComponent(document.replace(/&quot;/g, '"').replace(/&#x27;|&apos;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  // moto (5.2.5) returns a policy that CloudFormation created as a Python dict repr (single
  // quotes); AWS returns URL-encoded JSON. No value in this policy contains a quote.
  const json = decoded.startsWith("{'") ? decoded.replace(/'/g, '"') : decoded;
  return (JSON.parse(json) as { Statement: Array<{ Action: string | string[]; Resource: string | string[] }> }).Statement;
}

const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

function scenario(stage: string, mode: 'runtime' | 'deploy') {
  const cwd = copyService(SERVICE_DIR);
  const config = path.join(cwd, 'serverless.yml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('mode: runtime', `mode: ${mode}`));
  const stratus = (args: string[], stdin?: string): Promise<StratusRun> =>
    runStratus([...args, '--stage', stage], { cwd, env: { ...emulatorEnv(), SLS_AWS_MONITORING_FREQUENCY: '100' }, ...(stdin === undefined ? {} : { stdin }) });
  return { cwd, config, stratus, stack: `${SERVICE}-${stage}`, reader: `${SERVICE}-${stage}-reader` };
}

describe('runtime mode (the default)', () => {
  const stage = `rt${process.pid}`;
  const values = { DB_PASSWORD: `db-Pa55-${stage}-x`, API_TOKEN: `tok-${stage}-y` };
  const secret = Object.values(values);
  const s = scenario(stage, 'runtime');

  test('set (stdin and --value) stores SecureStrings under /<service>/<stage>/<name>; list shows names only', async () => {
    expect(expectSuccess(await s.stratus(['secrets', 'set', '--name', 'DB_PASSWORD'], `${values.DB_PASSWORD}\n`)).stderr).toContain(`Secret DB_PASSWORD set in SSM Parameter Store (us-east-1) under /${SERVICE}/${stage}`);
    expectSuccess(await s.stratus(['secrets', 'set', '--name', 'API_TOKEN', '--value', values.API_TOKEN]));
    const stored = await ssm().send(new GetParameterCommand({ Name: `/${SERVICE}/${stage}/DB_PASSWORD`, WithDecryption: true }));
    expect(stored.Parameter).toMatchObject({ Type: 'SecureString', Value: values.DB_PASSWORD });

    const list = expectSuccess(await s.stratus(['secrets', 'list']));
    expect(list.stdout.split('\n').filter(Boolean).map((line) => line.split(' ')[0])).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    expectNoValue('secrets list', list.stdout + list.stderr, secret);
    const masked = expectSuccess(await s.stratus(['secrets', 'get', '--name', 'API_TOKEN']));
    expect(masked.stdout).toBe(`API_TOKEN: **** (${values.API_TOKEN.length} characters; --reveal to show it)\n`);
    expect(expectSuccess(await s.stratus(['secrets', 'get', '--name', 'API_TOKEN', '--reveal'])).stdout).toBe(`${values.API_TOKEN}\n`);
  });

  test('deploy: the function gets parameter names only; the template, .serverless/ and the zip hold no value', async () => {
    const run = expectSuccess(await s.stratus(['deploy', '--debug']));
    expect(run.stderr).toContain(`Service deployed to stack ${s.stack}`);
    expectNoValue('deploy output', run.stdout + run.stderr, secret);
    for (const [file, text] of filesUnder(path.join(s.cwd, '.serverless'))) expectNoValue(file, text, secret);
    const files = [...filesUnder(path.join(s.cwd, '.serverless')).keys()].map((file) => path.basename(file));
    expect(files.some((file) => file.endsWith('.zip:handler.js'))).toBe(true);

    const template = (await cloudFormation().send(new GetTemplateCommand({ StackName: s.stack }))).TemplateBody ?? '';
    expect(template).toContain('STRATUS_SECRETS');
    expectNoValue('the deployed template', template, secret);

    const environment = await deployedEnvironment(s.reader);
    expect(JSON.parse(environment.STRATUS_SECRETS ?? '{}')).toEqual({ DB_PASSWORD: `/${SERVICE}/${stage}/DB_PASSWORD`, API_TOKEN: `/${SERVICE}/${stage}/API_TOKEN` });
    expectNoValue('the function environment', JSON.stringify(environment), secret);
    expect(await deployedEnvironment(`${SERVICE}-${stage}-plain`)).not.toHaveProperty('STRATUS_SECRETS');
  });

  test('the execution role may read exactly those two parameters (and decrypt them through SSM)', async () => {
    const statements = await rolePolicyStatements(s.stack);
    const ssmStatements = statements.filter((statement) => asList(statement.Action).some((action) => action.startsWith('ssm:')));
    expect(ssmStatements).toHaveLength(1);
    expect(asList(ssmStatements[0]!.Action).sort()).toEqual(['ssm:GetParameter', 'ssm:GetParameters']);
    expect(asList(ssmStatements[0]!.Resource).sort()).toEqual([
      `arn:aws:ssm:us-east-1:123456789012:parameter/${SERVICE}/${stage}/API_TOKEN`,
      `arn:aws:ssm:us-east-1:123456789012:parameter/${SERVICE}/${stage}/DB_PASSWORD`,
    ]);
    const kms = statements.filter((statement) => asList(statement.Action).some((action) => action.startsWith('kms:')));
    expect(kms.map((statement) => asList(statement.Action))).toEqual([['kms:Decrypt']]);
    expect(kms[0]!.Condition).toMatchObject({ StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } });
  });

  test('the runtime helper, given the deployed environment, loads both values from SSM', async () => {
    configureSecrets({ env: await deployedEnvironment(s.reader) });
    try {
      expect(await loadSecrets()).toEqual(values);
    } finally {
      configureSecrets({});
    }
  });

  test('remove: the stack, then the secrets', async () => {
    expectSuccess(await s.stratus(['remove']));
    expect(await stackStatus(s.stack)).toBeUndefined();
    for (const name of Object.keys(values)) expectSuccess(await s.stratus(['secrets', 'remove', '--name', name]));
    await expect(ssm().send(new GetParameterCommand({ Name: `/${SERVICE}/${stage}/DB_PASSWORD` }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
    expect((await s.stratus(['secrets', 'list'])).stderr).toContain('No secrets in');
    const again = await s.stratus(['secrets', 'remove', '--name', 'DB_PASSWORD']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Code: SECRETS_NOT_FOUND');
  });
});

describe('deploy mode', () => {
  const stage = `dm${process.pid}`;
  const values = { DB_PASSWORD: `db-Deploy-${stage}-x`, API_TOKEN: `tok-Deploy-${stage}-y` };
  const rotated = `db-Rotated-${stage}-z`;
  const secret = [...Object.values(values), rotated];
  const s = scenario(stage, 'deploy');

  test('a deploy with secrets that are not set stops before anything is created, naming them', async () => {
    expectSuccess(await s.stratus(['secrets', 'set', '--name', 'API_TOKEN'], values.API_TOKEN));
    const run = await s.stratus(['deploy']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The service uses secret(s) DB_PASSWORD, which is not set in SSM Parameter Store (us-east-1)');
    expect(run.stderr).toContain('Code: SECRETS_NOT_SET');
    expect(await stackStatus(s.stack)).toBeUndefined();
  });

  test('deploy resolves the values into the function environment, never into .serverless/ or the template', async () => {
    expectSuccess(await s.stratus(['secrets', 'set', '--name', 'DB_PASSWORD'], values.DB_PASSWORD));
    const run = expectSuccess(await s.stratus(['deploy', '--debug']));
    expectNoValue('deploy output', run.stdout + run.stderr, secret);
    for (const [file, text] of filesUnder(path.join(s.cwd, '.serverless'))) expectNoValue(file, text, secret);
    const local = JSON.parse(readFileSync(path.join(s.cwd, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')) as { Parameters: Record<string, { NoEcho: boolean }> };
    expect(local.Parameters.StratusSecretDBPASSWORD).toMatchObject({ Type: 'String', NoEcho: true });

    const template = (await cloudFormation().send(new GetTemplateCommand({ StackName: s.stack }))).TemplateBody ?? '';
    expect(template).toContain('StratusSecretDBPASSWORD');
    expectNoValue('the deployed template', template, secret);
    const environment = await deployedEnvironment(s.reader);
    expect(environment).toMatchObject({ DB_PASSWORD: values.DB_PASSWORD, API_TOKEN: values.API_TOKEN, STRATUS_SECRETS_SOURCE: 'env' });
    // Deploy mode reads no parameter at run time: the role gets no SSM grant.
    expect((await rolePolicyStatements(s.stack)).some((statement) => asList(statement.Action).some((action) => action.startsWith('ssm:')))).toBe(false);
  });

  test('print masks them: it shows the stack parameter references', async () => {
    const run = expectSuccess(await s.stratus(['print', '--format', 'json']));
    const printed = JSON.parse(run.stdout) as { functions: { reader: { secrets: string[] } } };
    expect(printed.functions.reader.secrets).toEqual(['DB_PASSWORD', 'API_TOKEN']);
    expectNoValue('print', run.stdout + run.stderr, secret);
  });

  test('a rotated secret is deployed (not skipped as unchanged)', async () => {
    expectSuccess(await s.stratus(['secrets', 'set', '--name', 'DB_PASSWORD'], rotated));
    const run = expectSuccess(await s.stratus(['deploy']));
    expect(run.stderr).not.toContain('No changes to deploy');
    expectNoValue('deploy output', run.stdout + run.stderr, secret);
    expect((await deployedEnvironment(s.reader)).DB_PASSWORD).toBe(rotated);
    for (const [file, text] of filesUnder(path.join(s.cwd, '.serverless'))) expectNoValue(file, text, secret);
  });

  test('a failing deploy prints no value, even with --debug', async () => {
    const good = readFileSync(s.config, 'utf8');
    writeFileSync(s.config, `${good}resources:\n  Resources:\n    BrokenQueue:\n      Type: AWS::SQS::Queue\n      Properties:\n        VisibilityTimeout: not-a-number\n`);
    const run = await s.stratus(['deploy', '--debug']);
    writeFileSync(s.config, good);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BrokenQueue');
    expectNoValue('the failing deploy output', run.stdout + run.stderr, secret);
    for (const [file, text] of filesUnder(path.join(s.cwd, '.serverless'))) expectNoValue(file, text, secret);
  });

  test('remove', async () => {
    expectSuccess(await s.stratus(['remove']));
    for (const name of Object.keys(values)) expectSuccess(await s.stratus(['secrets', 'remove', '--name', name]));
  });
});
