import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compareTemplates } from '../support/compare-templates';
import { runStratus, type StratusRun } from '../support/run-stratus';
import { compareExtra } from './support/extra-checks';
import { copyFixture, fixtureEnv, listFixtures, type Fixture } from './support/fixtures';
import { npmInstall } from './support/npm-install';

/**
 * Compatibility with real Serverless v3 community plugins: each fixture of shared/plugin-fixtures
 * is installed from npm as a user would, packaged by the built CLI, and compared with what
 * Serverless v3.40 produced (shared/plugin-fixtures/README.md, "How a test should use it").
 */
const fixtures = listFixtures();
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const TEMPLATE = '.serverless/cloudformation-template-update-stack.json';
/** A run that hangs is killed before its test times out, so the failure shows what it printed. */
const RUN_TIMEOUT_MS = 100_000;

/**
 * The warnings v3 printed on each fixture (their fixture.json notes): Stratus warns about the same
 * things, in its own words, and about nothing else.
 */
const V3_WARNINGS: Record<string, RegExp[]> = {
  'serverless-iam-roles-per-function': [],
  'serverless-dotenv-plugin': [],
  'serverless-esbuild': [],
  // The plugin sets function-level package patterns without `package.individually`.
  'serverless-plugin-typescript': [/^Warning: Package patterns at function level are only applied when package\.individually is true/],
};

/** Each fixture's installed copy; installs run at once, and one failing install fails only its fixture. */
const installed = new Map<string, Promise<string>>();
const copies: string[] = [];

beforeAll(async () => {
  for (const fixture of fixtures) {
    const dir = copyFixture(fixture);
    copies.push(dir);
    installed.set(fixture.name, npmInstall(dir).then(() => dir));
  }
  await Promise.allSettled(installed.values());
}, INSTALL_TIMEOUT_MS);

// The copies hold installed node_modules (typescript, esbuild): tens of MB each.
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

test('the four plugin fixtures are present', () => {
  expect(fixtures.map((fixture) => fixture.plugin)).toEqual(
    expect.arrayContaining(['serverless-iam-roles-per-function', 'serverless-dotenv-plugin', 'serverless-esbuild', 'serverless-plugin-typescript']),
  );
});

describe.each(fixtures.map((fixture): [string, Fixture] => [`${fixture.plugin}@${fixture.version}`, fixture]))('%s', (_label, fixture) => {
  const expectedDir = path.join(fixture.dir, 'expected');
  let cwd: string;
  let run: StratusRun;

  beforeAll(async () => {
    cwd = await (installed.get(fixture.name) as Promise<string>);
    run = await runStratus(fixture.command, { cwd, env: fixtureEnv(fixture), timeoutMs: RUN_TIMEOUT_MS });
  }, 120_000);

  test(`${fixture.command.join(' ')} succeeds`, () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/Error/) });
  });

  test('it warns about what v3 warned about', () => {
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('Warning'));
    const expected = V3_WARNINGS[fixture.plugin] ?? [];
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(warnings[index]).toMatch(pattern));
  });

  test('the template has the resources of v3 (logical ids and types), with the same bodies and outputs', () => {
    expect(existsSync(path.join(cwd, TEMPLATE))).toBe(true);
    expect(compareTemplates(readJson(path.join(cwd, TEMPLATE)), readJson(path.join(expectedDir, 'cloudformation-template-update-stack.json')))).toEqual([]);
  });

  test('the create-stack template is the same as v3', () => {
    expect(compareTemplates(readJson(path.join(cwd, '.serverless/cloudformation-template-create-stack.json')), readJson(path.join(expectedDir, 'cloudformation-template-create-stack.json')))).toEqual([]);
  });

  if (fixture.extra.length > 0) {
    test.each(fixture.extra.map((check): [string, typeof check] => [`${check.kind} (${check.file})`, check]))('%s match v3', (_name, check) => {
      const { actual, expected } = compareExtra(check, cwd, expectedDir);
      expect(actual).toEqual(expected);
    });
  }
});

describe('serverless-esbuild: invoke local runs the bundled handler', () => {
  const fixture = fixtures.find((candidate) => candidate.plugin === 'serverless-esbuild');

  test('the fixture is present', () => {
    expect(fixture).toBeDefined();
  });

  test('invoke local -f getItem returns the handler result', async () => {
    const cwd = await (installed.get((fixture as Fixture).name) as Promise<string>);
    const result = await runStratus(['invoke', 'local', '-f', 'getItem', '--stage', 'dev', '--data', '{"pathParameters":{"id":"42"}}'], {
      cwd,
      env: fixtureEnv(fixture as Fixture),
      timeoutMs: RUN_TIMEOUT_MS,
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const response = JSON.parse(result.stdout) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ stage: 'dev', item: { id: '42', label: 'item-42 ($12.99)' } });
  }, 120_000);

  test('invoke local -f nightly returns the handler result', async () => {
    const cwd = await (installed.get((fixture as Fixture).name) as Promise<string>);
    const result = await runStratus(['invoke', 'local', '-f', 'nightly'], { cwd, env: fixtureEnv(fixture as Fixture), timeoutMs: RUN_TIMEOUT_MS });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, sample: '$42.00' });
  }, 120_000);
});
