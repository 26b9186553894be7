/**
 * serverless-prune-plugin 2.1.0 (its newest release; peer `serverless: 1.x || 2.x || 3.x || 4.x`),
 * installed from npm into a copy of service/ as a user would, deletes old Lambda versions of the
 * service deployed by the built CLI to the local AWS emulator (moto). The plugin calls
 * `provider.request('Lambda', 'listVersionsByFunction' | 'listAliases' | 'deleteFunction', …)`
 * (SDK v2 style, served by SDK v3 clients); the test checks the result with ListVersionsByFunction.
 *
 * What moto (5.2) does with versions, and how the scenario is built around it:
 * - It publishes a version for each `AWS::Lambda::Version` the stack creates, and keeps it when an
 *   update drops that resource (as `DeletionPolicy: Retain` would on AWS).
 * - A stack update adds resources before it modifies them, so the version a deploy adds is
 *   published from the code of the previous deploy, and the second deploy publishes nothing (the
 *   function had not changed yet): N deploys with changed code leave versions 1 … N-1.
 * - It numbers a new version "number of versions + 1", so a deploy after versions were deleted
 *   would reuse a number. The scenario deploys only before the first deletion: the automatic prune
 *   runs on the last deploy, the `prune` command after it.
 */
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { CreateAliasCommand, LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { emulatorClientConfig, emulatorEnv } from '../../support/aws-emulator';
import { runStratus, type StratusRun } from '../../support/run-stratus';
import { installService, INSTALL_TIMEOUT_MS, removeCopy, USER_ENV } from '../support/installed-service';

const SERVICE = path.join(__dirname, 'service');
const STAGE = `e2eprune${process.pid}`;
const RUN_TIMEOUT_MS = 100_000;
const functionName = (key: string): string => `community-prune-${STAGE}-${key}`;

let cwd: string | undefined;
const lambda = new LambdaClient(emulatorClientConfig());

function stratus(args: string[], stage = STAGE): Promise<StratusRun> {
  return runStratus([...args, '--stage', stage], {
    cwd: cwd as string,
    env: { ...emulatorEnv(), ...USER_ENV, SLS_AWS_MONITORING_FREQUENCY: '100' },
    timeoutMs: RUN_TIMEOUT_MS,
  });
}

function expectSuccess(run: StratusRun): void {
  if (run.code !== 0) throw new Error(`stratus exited with ${run.code}\n${run.stderr}\n${run.stdout}`);
}

/** Deploy with code that differs from every earlier deploy, so the function changes. */
async function deployBuild(build: number): Promise<StratusRun> {
  const handler = path.join(cwd as string, 'handler.js');
  writeFileSync(handler, readFileSync(handler, 'utf8').replace(/^const BUILD = .*$/m, `const BUILD = 'build-${build}';`));
  const run = await stratus(['deploy']);
  expectSuccess(run);
  return run;
}

/** The function's versions on the emulator, `$LATEST` first, then by number. */
async function versionsOf(key: string): Promise<string[]> {
  const versions: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: functionName(key), ...(Marker ? { Marker } : {}) }));
    versions.push(...(page.Versions ?? []).map((version) => String(version.Version)));
    Marker = page.NextMarker;
  } while (Marker);
  const rank = (version: string): number => (version === '$LATEST' ? 0 : Number(version));
  return versions.sort((a, b) => rank(a) - rank(b));
}

beforeAll(async () => {
  cwd = await installService(SERVICE);
}, INSTALL_TIMEOUT_MS);

beforeAll(async () => {
  for (let build = 1; build <= 5; build += 1) await deployBuild(build);
}, 5 * RUN_TIMEOUT_MS);

afterAll(async () => {
  if (cwd) await stratus(['remove']);
  lambda.destroy();
  removeCopy(cwd);
}, RUN_TIMEOUT_MS);

test('five deploys with changed code leave versions 1-4 of each function (see the top of this file)', async () => {
  expect(await versionsOf('hello')).toEqual(['$LATEST', '1', '2', '3', '4']);
  expect(await versionsOf('goodbye')).toEqual(['$LATEST', '1', '2', '3', '4']);
});

test('prune without --number is refused: the plugin declares the option required', async () => {
  const run = await stratus(['prune']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/--number/);
});

test('prune -n 2 --dryRun --verbose lists what it would delete, skipping an aliased version, and deletes nothing', async () => {
  // An alias pins hello's oldest version: the plugin reads aliases (listAliases) and keeps their versions.
  await lambda.send(new CreateAliasCommand({ FunctionName: functionName('hello'), Name: 'stable', FunctionVersion: '1' }));
  const run = await stratus(['prune', '-n', '2', '--dryRun', '--verbose']);
  expectSuccess(run);
  expect(run.stderr).toContain('Dry-run enabled, no pruning actions will be performed.');
  const selected = run.stderr.split('\n').filter((line) => line.endsWith('selected for deletion.'));
  expect(selected.sort()).toEqual(
    [`${functionName('goodbye')}:1`, `${functionName('goodbye')}:2`, `${functionName('hello')}:2`].map((version) => `${version} selected for deletion.`),
  );
  expect(run.stderr).toContain('Pruning of functions complete');
  expect(await versionsOf('hello')).toEqual(['$LATEST', '1', '2', '3', '4']);
  expect(await versionsOf('goodbye')).toEqual(['$LATEST', '1', '2', '3', '4']);
});

test('custom.prune.automatic prunes after a deploy (after:deploy:deploy), keeping custom.prune.number versions', async () => {
  appendFileSync(path.join(cwd as string, 'serverless.yml'), '\ncustom:\n  prune:\n    automatic: true\n    number: 3\n');
  const run = await deployBuild(6);
  expect(run.stderr).toContain('Pruning of functions complete');
  // The deploy published version 5; of the unaliased ones, the newest three stay.
  expect(await versionsOf('hello')).toEqual(['$LATEST', '1', '3', '4', '5']);
  expect(await versionsOf('goodbye')).toEqual(['$LATEST', '3', '4', '5']);
});

test('prune -n 2 --verbose deletes all but the newest two versions (and the aliased one)', async () => {
  const run = await stratus(['prune', '-n', '2', '--verbose']);
  expectSuccess(run);
  expect(run.stderr).toContain(`Deleting function version ${functionName('hello')}:3.`);
  expect(run.stderr).toContain(`Deleting function version ${functionName('goodbye')}:3.`);
  expect(run.stderr).toContain('Pruning of functions complete');
  expect(await versionsOf('hello')).toEqual(['$LATEST', '1', '4', '5']);
  expect(await versionsOf('goodbye')).toEqual(['$LATEST', '4', '5']);
});

test('prune on a stage that was never deployed finds no functions (their 404 is expected) and succeeds', async () => {
  const run = await stratus(['prune', '-n', '1'], `${STAGE}none`);
  expectSuccess(run);
  expect(run.stderr).toContain('Pruning of functions complete');
  expect(run.stderr).not.toMatch(/^(Error|Warning)/m);
});
