import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDotenv } from './load-dotenv';

function serviceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-dotenv-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

test('prefers .env.<stage> over .env', () => {
  const env: NodeJS.ProcessEnv = {};
  const dir = serviceWith({ '.env': 'A=base\n', '.env.prod': 'A=prod\n' });
  expect(loadDotenv(dir, 'prod', env)).toBe('.env.prod');
  expect(env.A).toBe('prod');
});

test('falls back to .env and expands references', () => {
  const env: NodeJS.ProcessEnv = {};
  const dir = serviceWith({ '.env': 'HOST=example.org\nURL=https://${HOST}/api\n' });
  expect(loadDotenv(dir, 'dev', env)).toBe('.env');
  expect(env.URL).toBe('https://example.org/api');
});

test('existing environment variables win', () => {
  const env: NodeJS.ProcessEnv = { A: 'from-shell' };
  loadDotenv(serviceWith({ '.env': 'A=from-file\nB=2\n' }), 'dev', env);
  expect(env).toEqual({ A: 'from-shell', B: '2' });
});

test('no file: nothing loaded', () => {
  expect(loadDotenv(serviceWith({}), 'dev', {})).toBeUndefined();
});
