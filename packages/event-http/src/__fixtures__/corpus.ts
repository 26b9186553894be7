import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@stratus/core';
import type { AwsServiceConfig, CfnTemplate, EventCompileContext } from '@stratus/provider-aws';
import { casesWithEvent, contextForService, CORPUS_DIR, type CorpusCase as TestingCorpusCase } from '@stratus/testing';
import { copyService, runStratus } from './run-stratus';

/** A corpus case with what Serverless v3.40 compiled for it. */
export type CorpusCase = TestingCorpusCase & { expected: CfnTemplate };

/** The corpus cases with http events (found as every event package finds its cases). */
export function httpCorpusCases(): CorpusCase[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return casesWithEvent('http').map((item) => ({
    ...item,
    expected: JSON.parse(readFileSync(path.join(item.dir, 'expected', 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate,
  }));
}

/** The case's configuration with every variable resolved: `stratus print --format json`. */
export async function resolvedConfiguration(item: CorpusCase): Promise<{ config: AwsServiceConfig; warnings: string }> {
  const copy = copyService(item.dir);
  try {
    const run = await runStratus(['print', '--format', 'json', '--stage', item.stage, '--region', item.region, ...item.options], copy.dir, { env: item.env });
    if (run.code !== 0) throw new Error(`stratus print failed for ${item.name}:\n${run.stderr}`);
    return { config: JSON.parse(run.stdout) as AwsServiceConfig, warnings: run.stderr };
  } finally {
    copy.dispose();
  }
}

export function silentLogger(messages: string[] = []): Logger {
  const record = (...parts: unknown[]) => void messages.push(parts.map(String).join(' '));
  const logger = Object.assign(record, {
    error: record,
    warning: record,
    notice: record,
    success: record,
    info: record,
    verbose: record,
    debug: record,
    writeText: record,
    child: () => logger,
    settings: { verbose: false, debug: false, sink: { write: () => undefined }, textSink: { write: () => undefined }, redactions: new Set<string>() },
  });
  return logger as unknown as Logger;
}

/** An EventCompileContext as the AWS provider builds it, over a fresh template. */
export function compileContext(config: AwsServiceConfig, options: { stage: string; region: string; instanceId?: string; messages?: string[] }): EventCompileContext {
  const service = { ...config, provider: { ...config.provider, stage: options.stage, region: options.region } };
  return { ...contextForService('http', service), instanceId: options.instanceId ?? '1700000000000', log: silentLogger(options.messages) };
}
