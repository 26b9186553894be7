import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExtraCheck } from './fixtures';
import { zipEntryNames } from './zip-entries';

/** What a check of `extra` compares: the value produced by the run and the expected one. */
export interface ExtraComparison {
  actual: unknown;
  expected: unknown;
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Step 5 of the procedure, per kind (shared/plugin-fixtures/README.md). */
export function compareExtra(check: ExtraCheck, serviceDir: string, expectedDir: string): ExtraComparison {
  const expectedText = readFileSync(path.join(expectedDir, check.file), 'utf8');
  if (check.kind === 'zip-entries') {
    const zip = path.join(serviceDir, '.serverless', check.artifact);
    const actual = existsSync(zip) ? zipEntryNames(zip).sort(byteOrder) : [`<no ${check.artifact} in .serverless>`];
    const expected = expectedText.split('\n').filter((line) => line !== '').sort(byteOrder);
    return { actual, expected };
  }
  const template = JSON.parse(readFileSync(path.join(serviceDir, '.serverless/cloudformation-template-update-stack.json'), 'utf8')) as {
    Resources?: Record<string, { Type?: string; Properties?: { Environment?: unknown } }>;
  };
  const actual = Object.fromEntries(
    Object.entries(template.Resources ?? {})
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .map(([id, resource]) => [id, resource.Properties?.Environment ?? null]),
  );
  return { actual, expected: JSON.parse(expectedText) as unknown };
}
