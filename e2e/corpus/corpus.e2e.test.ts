import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { compareTemplates, type AllowedDifference } from '../support/compare-templates';
import { lintTemplate } from '../support/cfn-lint';
import { runStratus } from '../support/run-stratus';

/**
 * Conformance with Serverless v3: every real-world service in shared/corpus is packaged by the
 * built CLI and its templates compared with what v3 produced (shared/corpus/README.md).
 */
const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

/** Where Stratus differs from v3 on purpose (README, "Where Stratus deliberately differs"). */
const ALLOWED: AllowedDifference[] = [
  {
    path: /^\.Resources\.CustomDashresourceDashexistingDashs3LambdaFunction\.Properties\.Runtime$/,
    reason: "the existing-bucket custom resource runs on nodejs22.x: v3's nodejs18.x can no longer be deployed",
  },
];

/**
 * cfn-lint errors that come from the upstream services themselves, not from what Stratus generates
 * (Serverless v3 compiles the same); each would also fail on AWS. Exactly these must appear.
 */
const KNOWN_LINT_ERRORS: Record<string, Array<{ rule: string; reason: string }>> = {
  'auth0-cognito-authorizers': [{ rule: 'E3031', reason: 'the default function name <service>-<stage>-privateEndpoint is 65 characters; Lambda allows 64' }],
  'etl-pipeline-sns': [{ rule: 'E3510', reason: 'the service\'s iamRoleStatements has `Resource: ""`' }],
  'python-notetaking': [{ rule: 'E3045', reason: 'a bucket under resources: sets AccessControl without OwnershipControls' }],
  'workshop-s3-events': [{ rule: 'E3045', reason: 'a bucket under resources: sets AccessControl without OwnershipControls' }],
};

/** Event types compiled by the event packages that exist in this repository. */
const COMPILED_EVENT_TYPES = new Set<string>(['http', 's3', 'schedule', 'sns']);

interface CaseInfo {
  stage: string;
  region: string;
  env: Record<string, string>;
  options: string[];
}

const cases = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => existsSync(path.join(CORPUS, name, 'case.json'))) : [];

function eventTypesOf(caseDir: string): string[] {
  // Event keys are never variables, so a plain YAML read (tags ignored) is enough to list them.
  const text = readFileSync(path.join(caseDir, 'serverless.yml'), 'utf8');
  const config = parse(text, { customTags: [], strict: false, logLevel: 'silent' }) as { functions?: Record<string, { events?: Array<Record<string, unknown>> }> };
  const types = new Set<string>();
  for (const fn of Object.values(config?.functions ?? {})) for (const event of fn?.events ?? []) for (const key of Object.keys(event ?? {})) types.add(key);
  return [...types];
}

function copyCase(caseDir: string): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'stratus-corpus-'));
  cpSync(caseDir, target, { recursive: true, filter: (source) => path.basename(source) !== 'expected' });
  return target;
}

test('the corpus is present', () => {
  expect(cases.length).toBeGreaterThanOrEqual(30);
});

describe.each(cases)('corpus case %s', (name) => {
  const caseDir = path.join(CORPUS, name);
  const info = JSON.parse(readFileSync(path.join(caseDir, 'case.json'), 'utf8')) as CaseInfo;
  const unsupported = eventTypesOf(caseDir).filter((type) => !COMPILED_EVENT_TYPES.has(type));

  test(unsupported.length === 0 ? 'compiles the same CloudFormation as Serverless v3' : `refuses clearly: no package compiles ${unsupported.join(', ')} events yet`, async () => {
    const cwd = copyCase(caseDir);
    const run = await runStratus(['package', '--stage', info.stage, '--region', info.region, ...info.options], {
      cwd,
      env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ...info.env },
    });
    if (unsupported.length > 0) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('AWS_UNSUPPORTED_EVENT_TYPE');
      return;
    }
    expect(run.stderr).not.toContain('Error');
    expect(run.code).toBe(0);
    // CloudFormation's own linter finds no errors in what we compiled (warnings are allowed), except
    // the documented ones that the upstream service brings with it.
    const lint = await lintTemplate(path.join(cwd, '.serverless/cloudformation-template-update-stack.json'));
    const errorRules = [...new Set(lint.matches.filter((match) => match.level === 'Error').map((match) => match.rule))].sort();
    expect(errorRules).toEqual((KNOWN_LINT_ERRORS[name] ?? []).map((known) => known.rule).sort());
    const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const update = compareTemplates(read(path.join(cwd, '.serverless/cloudformation-template-update-stack.json')), read(path.join(caseDir, 'expected/cloudformation-template-update-stack.json')), ALLOWED);
    expect(update).toEqual([]);
    const expectedCreate = path.join(caseDir, 'expected/cloudformation-template-create-stack.json');
    if (existsSync(expectedCreate)) {
      expect(compareTemplates(read(path.join(cwd, '.serverless/cloudformation-template-create-stack.json')), read(expectedCreate))).toEqual([]);
    }
  });
});
