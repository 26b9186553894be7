// Test helpers (not exported from the package).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLogger, parseYaml, type Logger } from '@stratus/core';

export const FIXTURE_DIR = path.join(__dirname, '__fixtures__', 'service');

export function fixtureConfiguration(): Record<string, unknown> {
  return parseYaml(readFileSync(path.join(FIXTURE_DIR, 'serverless.yml'), 'utf8'), 'serverless.yml') as Record<string, unknown>;
}

/** A logger that keeps every line. */
export function captureLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = { write: (text: string) => lines.push(text) };
  return { log: createLogger({ sink, textSink: sink, verbose: true }), lines };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: () => any;
}

/** A request to the local server (127.0.0.1 only). */
export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`tests only call 127.0.0.1, not ${url}`);
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}
