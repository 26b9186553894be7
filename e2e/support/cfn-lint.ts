import { spawn } from 'node:child_process';
import { CFN_LINT_TOOL, ensurePythonTool } from '@stratus/testing';

/**
 * cfn-lint (AWS's CloudFormation linter, pinned in packages/testing/src/python-tools.ts) on a template file.
 *
 * Only rule matches of level "Error" (rule ids E****, including E0000 parse errors and E0003
 * configuration errors such as a missing file) make `ok` false. Matches of level "Warning"
 * (W****) and "Informational" (I****) never do: they are best-practice hints (W1020 "Fn::Sub not
 * needed", W3005 "obsolete DependsOn", ...) that Serverless v3's own templates trigger too.
 * They are still listed in `output` and `matches`.
 */

export type LintLevel = 'Error' | 'Warning' | 'Informational';

export interface LintMatch {
  level: LintLevel;
  rule: string;
  message: string;
  /** `file:line:column` */
  location: string;
  /** JSON path in the template, e.g. `Resources/Bucket/Properties/BucketName` */
  path: string;
}

export interface LintResult {
  ok: boolean;
  /** Human-readable: one line per match, errors first; or cfn-lint's raw output when it crashed. */
  output: string;
  matches: LintMatch[];
  exitCode: number | null;
}

export interface LintOptions {
  /** Regions to validate resource types against. Default us-east-1. */
  regions?: string[];
  /** Rule ids or prefixes to skip entirely (cfn-lint --ignore-checks). */
  ignoreChecks?: string[];
}

interface RawMatch {
  Filename: string | null;
  Level: string;
  Message: string;
  Location?: { Start?: { LineNumber?: number; ColumnNumber?: number }; Path?: Array<string | number> | null };
  Rule?: { Id?: string };
}

const LEVEL_ORDER: Record<string, number> = { Error: 0, Warning: 1, Informational: 2 };

export async function lintTemplate(file: string, options: LintOptions = {}): Promise<LintResult> {
  const binary = process.env.STRATUS_E2E_CFN_LINT || (await ensurePythonTool(CFN_LINT_TOOL));
  const args = ['--format', 'json', '--regions', ...(options.regions ?? ['us-east-1'])];
  if (options.ignoreChecks?.length) args.push('--ignore-checks', ...options.ignoreChecks);
  args.push('--', file);

  const { code, stdout, stderr } = await run(binary, args);
  let raw: RawMatch[];
  try {
    raw = JSON.parse(stdout) as RawMatch[];
    if (!Array.isArray(raw)) throw new Error('not a list');
  } catch {
    // Not a lint result: cfn-lint itself failed (bad arguments, crash).
    return { ok: false, output: `cfn-lint exited ${code}:\n${stdout}${stderr}`.trim(), matches: [], exitCode: code };
  }
  const matches: LintMatch[] = raw
    .map((m) => ({
      level: (m.Level in LEVEL_ORDER ? m.Level : 'Error') as LintLevel,
      rule: m.Rule?.Id ?? '?',
      message: m.Message,
      location: `${m.Filename ?? file}:${m.Location?.Start?.LineNumber ?? 0}:${m.Location?.Start?.ColumnNumber ?? 0}`,
      path: (m.Location?.Path ?? []).join('/'),
    }))
    .sort((a, b) => (LEVEL_ORDER[a.level] ?? 0) - (LEVEL_ORDER[b.level] ?? 0));
  // Exit code bits: 2 errors, 4 warnings, 8 informational; anything else (1, 16, 32) is a failure of cfn-lint.
  const exitOk = code !== null && (code & ~(2 | 4 | 8)) === 0;
  const ok = exitOk && !matches.some((m) => m.level === 'Error');
  const output = matches.map((m) => `${m.level} ${m.rule} ${m.location}${m.path ? ` [${m.path}]` : ''}: ${m.message}`).join('\n') + (stderr.trim() ? `\n${stderr.trim()}` : '');
  return { ok, output: output.trim(), matches, exitCode: code };
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
