/**
 * Every real-world service of the shared corpus validates against the AWS schema with exactly the
 * problems Serverless Framework v3 warned about (listed in each case.json's `notes`).
 *
 * Each case is loaded and its variables resolved with the core's own loader and resolver (stage
 * `dev`, region `us-east-1`, the case's env), then given the CLI's defaults, as `stratus package`
 * would before validating.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyServiceDefaults } from '@stratus/core/dist/bootstrap/service-defaults';
import { loadServiceConfig } from '@stratus/core/dist/config';
import { createCoreVariableSources, resolveVariables } from '@stratus/core/dist/variables';
import { checkConfiguration } from './__fixtures__/validate';

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus');

/**
 * The validation warnings v3 printed (as quoted in the case's notes) and the problem Stratus
 * reports for each. Wording differs where the core words it differently: v3 located an unknown
 * key at its parent, and called the empty `Resource` an "unsupported string format".
 */
const EXPECTED: Record<string, Array<{ v3: string; stratus: string }>> = {
  'etl-pipeline-sns': [
    {
      v3: "at 'provider.iamRoleStatements.1.Resource.0': unsupported string format",
      stratus: 'provider.iamRoleStatements.1.Resource.0: must match pattern "^arn:"',
    },
  ],
  'python-notetaking': [
    {
      v3: "at 'package': unrecognized property 'inidividually'",
      stratus: "package.inidividually: unrecognized property 'inidividually' (individually)",
    },
  ],
};

/**
 * Event types are defined by the event packages, not by this schema. Should the core start
 * reporting them before those packages exist, the corpus's own event types are expected.
 */
const CORPUS_EVENTS = new Set(['http', 's3', 'schedule', 'sns']);

interface CaseFile {
  stage: string;
  region: string;
  env: Record<string, string>;
  options: string[];
  notes: string;
}

const cases = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => existsSync(path.join(CORPUS, name, 'case.json'))).sort() : [];

async function loadResolved(caseName: string): Promise<Record<string, unknown>> {
  const dir = path.join(CORPUS, caseName);
  const spec = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseFile;
  const saved = { ...process.env };
  Object.assign(process.env, spec.env);
  try {
    const loaded = await loadServiceConfig({ serviceDir: dir });
    const options = { stage: spec.stage, region: spec.region };
    await resolveVariables({
      configuration: loaded.configuration,
      sources: createCoreVariableSources({ optionsComplete: true }),
      serviceDir: loaded.serviceDir,
      configFile: loaded.fileName,
      options,
      final: true,
      locate: loaded.locate,
    });
    applyServiceDefaults(loaded.configuration, options);
    return loaded.configuration;
  } finally {
    for (const key of Object.keys(spec.env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

function isExpectedEventProblem(line: string): boolean {
  return /^functions\.[^.]+\.events\.\d+: unsupported function event/.test(line) && [...CORPUS_EVENTS].some((event) => line.endsWith(`(${event})`));
}

test('the corpus is there', () => {
  expect(cases.length).toBeGreaterThanOrEqual(30);
});

describe.each(cases)('corpus case %s', (caseName) => {
  test('validates with only the problems v3 reported', async () => {
    const configuration = await loadResolved(caseName);
    const { brief } = checkConfiguration(configuration);
    expect(brief.filter((line) => !isExpectedEventProblem(line))).toEqual((EXPECTED[caseName] ?? []).map((problem) => problem.stratus));
  });
});

test('the expected problems are exactly the warnings the notes quote', () => {
  for (const caseName of cases) {
    const notes = (JSON.parse(readFileSync(path.join(CORPUS, caseName, 'case.json'), 'utf8')) as CaseFile).notes;
    const quoted = [...notes.matchAll(/config validation warning (at '[^']*': [^;]*?)(?=; |\. Exercises|$)/g)].map((match) => match[1]);
    // express-api-dynamodb's warning is about an `http` event, which the http event package checks.
    const ours = quoted.filter((warning) => !/^at 'functions\.[^']*\.events\./.test(warning!));
    expect(ours).toEqual((EXPECTED[caseName] ?? []).map((problem) => problem.v3));
  }
});
