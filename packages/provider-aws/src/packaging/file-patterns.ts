// v3's pattern semantics: every candidate starts included, then each rule in order re-includes or
// excludes what it matches, so the last matching rule wins. Matching is picomatch with `dot: true`
// (v3 uses micromatch, which is built on picomatch).
import picomatch from 'picomatch';

/** Serverless v3's default exclusions, in its order. */
export const DEFAULT_EXCLUDES: readonly string[] = ['.git/**', '.gitignore', '.DS_Store', 'npm-debug.log', 'yarn-*.log', '.serverless/**', '.serverless_plugins/**'];

export interface PatternRule {
  glob: string;
  exclude: boolean;
}

/**
 * Orders rules the v3 way: first the exclude list (each entry negated, so a legacy `exclude: ['!x']`
 * re-includes x), then the include list as written (where a leading `!` excludes).
 */
export function orderRules(excludes: readonly string[], includes: readonly string[]): PatternRule[] {
  const rules: PatternRule[] = [];
  for (const pattern of excludes) {
    const negated = pattern.startsWith('!');
    rules.push({ glob: normalizeGlob(negated ? pattern.slice(1) : pattern), exclude: !negated });
  }
  for (const pattern of includes) {
    const negated = pattern.startsWith('!');
    rules.push({ glob: normalizeGlob(negated ? pattern.slice(1) : pattern), exclude: negated });
  }
  return rules;
}

/** How a rule list reads in messages: `!.git/**, src/**`. */
export function describeRules(rules: readonly PatternRule[]): string[] {
  return rules.map((rule) => (rule.exclude ? `!${rule.glob}` : rule.glob));
}

function normalizeGlob(glob: string): string {
  const slashed = process.platform === 'win32' ? glob.replace(/\\/g, '/') : glob;
  return slashed.startsWith('./') ? slashed.slice(2) : slashed;
}

interface CompiledRule {
  exclude: boolean;
  matches: (path: string) => boolean;
  /** Leading path segments every match starts with ('' when unknown). */
  staticBase: string;
  /** True for `<base>/**` and `**`: matches every path under its base. */
  matchesAllUnderBase: boolean;
}

/** A compiled rule list: decides files, and tells the walker which folders need no visit. */
export class FileSelector {
  private readonly compiled: CompiledRule[];

  constructor(readonly rules: readonly PatternRule[]) {
    this.compiled = rules.map((rule) => {
      const scan = picomatch.scan(rule.glob);
      return {
        exclude: rule.exclude,
        matches: picomatch(rule.glob, { dot: true }),
        staticBase: scan.base,
        matchesAllUnderBase: scan.isGlob && scan.glob === '**',
      };
    });
  }

  /** Whether a relative file path (forward slashes) ends up included. */
  isSelected(relativePath: string): boolean {
    // Walking backwards, the first matching rule is the last one in order: it decides.
    for (let index = this.compiled.length - 1; index >= 0; index -= 1) {
      const rule = this.compiled[index]!;
      if (rule.matches(relativePath)) return !rule.exclude;
    }
    return true;
  }

  /**
   * True only when no file under `relativeDir` can be selected: some `<dir>/**` exclusion covers it
   * and no later include could reach into it. Lets the walk skip `.git`, `.serverless`, excluded
   * `node_modules`… without changing the result.
   */
  excludesEverythingUnder(relativeDir: string): boolean {
    let everythingExcluded = false;
    for (const rule of this.compiled) {
      if (rule.exclude) {
        if (rule.matchesAllUnderBase && isSameOrInside(relativeDir, rule.staticBase)) everythingExcluded = true;
      } else if (mayMatchUnder(rule.staticBase, relativeDir)) {
        everythingExcluded = false;
      }
    }
    return everythingExcluded;
  }
}

function isSameOrInside(dir: string, base: string): boolean {
  return base === '' || dir === base || dir.startsWith(`${base}/`);
}

function mayMatchUnder(staticBase: string, dir: string): boolean {
  return staticBase === '' || staticBase.startsWith(`${dir}/`) || isSameOrInside(dir, staticBase);
}
