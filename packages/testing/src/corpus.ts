/**
 * Corpus conformance support: the real-world services in `shared/corpus`, each with the template
 * Serverless v3 compiled. A case's resolved configuration comes from the built CLI (`stratus print`,
 * run as a child process the way a user runs it); the event compiler under test then compiles the
 * case's events into a fresh template, the case's own `resources` are merged over it (as the
 * provider does later, lodash-merge semantics), and the resources of the event's types are compared
 * with v3's after the corpus README's masks.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CfnResource } from '@stratus/provider-aws';

const execFileAsync = promisify(execFile);

export const CORPUS_DIR = process.env.STRATUS_CORPUS_DIR ?? path.resolve(__dirname, '../../../../shared/corpus');
const CLI_BIN = path.resolve(__dirname, '../../cli/bin/stratus.js');
const CLI_BUNDLE = path.resolve(__dirname, '../../cli/dist/stratus.cjs');

export interface CorpusCase {
  name: string;
  dir: string;
  stage: string;
  region: string;
  env: Record<string, string>;
  options: string[];
}

/** The corpus cases whose serverless.yml has an uncommented `- <eventType>:` event. */
export function casesWithEvent(eventType: string): CorpusCase[] {
  if (!existsSync(CORPUS_DIR)) throw new Error(`The corpus is not at ${CORPUS_DIR} (set STRATUS_CORPUS_DIR).`);
  // `- s3: …` is an event; `- s3:GetObject` (an IAM action) is not: YAML needs a space after the key's colon.
  const pattern = new RegExp(`^\\s*-\\s*${eventType}\\s*:(\\s|$)`, 'm');
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(CORPUS_DIR, entry.name, 'case.json')))
    .map((entry) => entry.name)
    .sort()
    .filter((name) => pattern.test(readFileSync(path.join(CORPUS_DIR, name, 'serverless.yml'), 'utf8')))
    .map((name) => {
      const info = JSON.parse(readFileSync(path.join(CORPUS_DIR, name, 'case.json'), 'utf8')) as Partial<CorpusCase>;
      return { name, dir: path.join(CORPUS_DIR, name), stage: info.stage ?? 'dev', region: info.region ?? 'us-east-1', env: info.env ?? {}, options: info.options ?? [] };
    });
}

/** `stratus print --format json` in a temporary copy of the case: the resolved configuration. */
export async function printConfiguration(corpusCase: CorpusCase): Promise<Record<string, unknown>> {
  if (!existsSync(CLI_BUNDLE)) throw new Error(`The CLI is not built (${CLI_BUNDLE} is missing): run "pnpm build" at the repository root first.`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `stratus-corpus-${corpusCase.name}-`));
  try {
    await fs.cp(corpusCase.dir, dir, { recursive: true, filter: (source) => path.basename(source) !== 'expected' });
    const { stdout } = await execFileAsync(
      process.execPath,
      [CLI_BIN, 'print', '--format', 'json', '--stage', corpusCase.stage, '--region', corpusCase.region, ...corpusCase.options],
      {
        cwd: dir,
        env: { ...process.env, ...corpusCase.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', SLS_TELEMETRY_DISABLED: '1', NODE_OPTIONS: '' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return JSON.parse(stdout) as Record<string, unknown>;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export function expectedTemplate(corpusCase: CorpusCase): { Resources: Record<string, CfnResource> } {
  return JSON.parse(readFileSync(path.join(corpusCase.dir, 'expected', 'cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, CfnResource> };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** lodash `merge` semantics (how v3 merges `resources` over the compiled template). */
export function lodashMerge(target: Record<string, unknown> | unknown[], source: Record<string, unknown> | unknown[]): void {
  const into = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = into[key];
    if ((isPlainObject(value) && isPlainObject(current)) || (Array.isArray(value) && Array.isArray(current))) lodashMerge(current as Record<string, unknown>, value as Record<string, unknown>);
    else if (isPlainObject(value) || Array.isArray(value)) {
      const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
      lodashMerge(copy, value as Record<string, unknown>);
      into[key] = copy;
    } else into[key] = value;
  }
}

/** The corpus README's masks: artifact directory timestamps, version hashes, deployment ids. */
export function mask<T>(value: T): T {
  const text = JSON.stringify(value)
    .replace(/\d{13}-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<ARTIFACT-DIR>')
    .replace(/LambdaVersion[0-9A-Za-z]+/g, 'LambdaVersion<HASH>')
    .replace(/ApiGatewayDeployment\d+/g, 'ApiGatewayDeployment<ID>');
  return JSON.parse(text) as T;
}

/** The resources a predicate selects, masked. */
export function selectResources(resources: Record<string, CfnResource>, select: (id: string, resource: CfnResource) => boolean): Record<string, CfnResource> {
  return mask(Object.fromEntries(Object.entries(resources).filter(([id, resource]) => select(id, resource))));
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

function diffValues(actual: unknown, expected: unknown, at: string, out: string[], asSet = false): void {
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (asSet) {
      const sort = (list: unknown[]) => list.map((item) => JSON.stringify(item)).sort();
      if (JSON.stringify(sort(actual)) !== JSON.stringify(sort(expected))) out.push(`${at}: got ${show(actual)}, v3 has ${show(expected)}`);
      return;
    }
    if (actual.length !== expected.length) out.push(`${at}: got ${actual.length} items ${show(actual)}, v3 has ${expected.length} ${show(expected)}`);
    else actual.forEach((item, index) => diffValues(item, expected[index], `${at}[${index}]`, out));
    return;
  }
  if (isPlainObject(actual) && isPlainObject(expected)) {
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) diffValues(actual[key], expected[key], `${at}.${key}`, out, key === 'DependsOn');
    return;
  }
  if (asSet && actual !== undefined && expected !== undefined) {
    diffValues(Array.isArray(actual) ? actual : [actual], Array.isArray(expected) ? expected : [expected], at, out, true);
    return;
  }
  if (JSON.stringify(actual) !== JSON.stringify(expected)) out.push(`${at}: got ${show(actual)}, v3 has ${show(expected)}`);
}

/** Differences between two resource sets: missing/extra logical ids first, then bodies (DependsOn as a set). */
export function diffResources(actual: Record<string, CfnResource>, expected: Record<string, CfnResource>): string[] {
  const out: string[] = [];
  for (const id of Object.keys(expected)) if (!(id in actual)) out.push(`missing resource ${id} (${expected[id]?.Type})`);
  for (const id of Object.keys(actual)) if (!(id in expected)) out.push(`extra resource ${id} (${actual[id]?.Type})`);
  for (const id of Object.keys(expected)) if (id in actual) diffValues(actual[id], expected[id], `Resources.${id}`, out);
  return out;
}
