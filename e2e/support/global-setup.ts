import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EMULATOR_REGION, ENDPOINT_VARIABLE, FAKE_CREDENTIALS } from './aws-emulator';
import { type MotoServer, startMotoServer } from '@stratus/testing';
import { CFN_LINT_TOOL, ensurePythonTool, MOTO_TOOL } from '@stratus/testing';

/**
 * Jest globalSetup of the e2e suite (runs once per jest run, before any worker starts).
 *
 * 1. Always: the tests' AWS credentials are fake (`testing`/`testing`, us-east-1); the user's
 *    profile and session token are dropped and the EC2 metadata lookup disabled, so nothing the
 *    suite runs can reach a real AWS account.
 * 2. When a test file selected by this run needs the AWS emulator (it mentions `support/aws-emulator`
 *    or STRATUS_E2E_AWS_ENDPOINT) or cfn-lint (`support/cfn-lint` / lintTemplate): install the
 *    pinned Python tools into `<repo>/.tools/` if needed, start ONE moto server on 127.0.0.1 for the
 *    whole run, and publish it as STRATUS_E2E_AWS_ENDPOINT (and AWS_ENDPOINT_URL, so even an SDK
 *    client or CLI child a test forgot to point there talks to the emulator, never to AWS).
 *    STRATUS_E2E_EMULATOR=1 starts it whatever the selection, STRATUS_E2E_EMULATOR=0 never.
 *
 * Workers inherit process.env as set here. global-teardown.ts stops the server.
 */

export const MOTO_HANDLE = Symbol.for('stratus.e2e.moto');

type GlobalWithMoto = typeof globalThis & { [MOTO_HANDLE]?: MotoServer };

/** The parts of jest's configs read here (typed loosely: jest 29 and 30 differ). */
interface GlobalConfigLike {
  rootDir?: string;
  testPathPatterns?: { patterns?: string[]; toExecutor?: (options: { rootDir: string }) => { isMatch(absPath: string): boolean } };
  testPathPattern?: string;
}
interface ProjectConfigLike {
  rootDir?: string;
  testPathIgnorePatterns?: string[];
}

const TEST_FILE = /\.e2e\.test\.[cm]?[jt]sx?$/;
const NEEDS_EMULATOR = /support\/aws-emulator|STRATUS_E2E_AWS_ENDPOINT/;
const NEEDS_CFN_LINT = /support\/cfn-lint|lintTemplate/;

export default async function globalSetup(globalConfig: GlobalConfigLike = {}, projectConfig: ProjectConfigLike = {}): Promise<void> {
  for (const key of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) delete process.env[key];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: EMULATOR_REGION,
    AWS_DEFAULT_REGION: EMULATOR_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    // The SDK's notice that future releases need Node 22 is not about the code under test.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });

  const needs = whatIsNeeded(globalConfig, projectConfig);
  if (!needs.emulator && !needs.cfnLint) return;

  const log = (message: string): void => void process.stderr.write(`[e2e tools] ${message}\n`);
  const started = Date.now();
  const [motoBinary, cfnLintBinary] = await Promise.all([
    needs.emulator ? ensurePythonTool(MOTO_TOOL, { log }) : undefined,
    needs.cfnLint ? ensurePythonTool(CFN_LINT_TOOL, { log }) : undefined,
  ]);
  const toolsMs = Date.now() - started;
  if (cfnLintBinary) process.env.STRATUS_E2E_CFN_LINT = cfnLintBinary;
  if (!motoBinary) return;

  const server = await startMotoServer({ binary: motoBinary });
  (globalThis as GlobalWithMoto)[MOTO_HANDLE] = server;
  process.env[ENDPOINT_VARIABLE] = server.endpoint;
  process.env.AWS_ENDPOINT_URL = server.endpoint;
  log(`moto ${MOTO_TOOL.packages.join(' ')} on ${server.endpoint} (pid ${server.pid}): tools checked in ${toolsMs} ms, server answered in ${Date.now() - started - toolsMs} ms`);
}

function whatIsNeeded(globalConfig: GlobalConfigLike, projectConfig: ProjectConfigLike): { emulator: boolean; cfnLint: boolean } {
  const forced = process.env.STRATUS_E2E_EMULATOR;
  if (forced === '0') return { emulator: false, cfnLint: false };
  if (forced === '1') return { emulator: true, cfnLint: true };
  const rootDir = projectConfig.rootDir ?? globalConfig.rootDir ?? path.resolve(__dirname, '..');
  const selected = selectedTestFiles(rootDir, globalConfig, projectConfig);
  const needs = { emulator: false, cfnLint: false };
  for (const file of selected) {
    const text = readFileSync(file, 'utf8');
    needs.emulator ||= NEEDS_EMULATOR.test(text);
    needs.cfnLint ||= NEEDS_CFN_LINT.test(text);
  }
  return needs;
}

/** The e2e test files this run will execute, as jest selects them (path patterns, ignore patterns). */
function selectedTestFiles(rootDir: string, globalConfig: GlobalConfigLike, projectConfig: ProjectConfigLike): string[] {
  const ignore = (projectConfig.testPathIgnorePatterns ?? ['/node_modules/']).map((pattern) => new RegExp(pattern));
  let matches: (file: string) => boolean = () => true;
  const patterns = globalConfig.testPathPatterns;
  if (patterns?.toExecutor && patterns.patterns?.length) {
    const executor = patterns.toExecutor({ rootDir });
    matches = (file) => executor.isMatch(file);
  } else if (patterns?.patterns?.length || globalConfig.testPathPattern) {
    const regex = new RegExp(patterns?.patterns?.join('|') ?? globalConfig.testPathPattern ?? '', 'i');
    matches = (file) => regex.test(file);
  }
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (TEST_FILE.test(entry.name) && !ignore.some((regex) => regex.test(full)) && matches(full)) files.push(full);
    }
  };
  walk(rootDir);
  return files;
}
