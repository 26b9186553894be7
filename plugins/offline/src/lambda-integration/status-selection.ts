/**
 * Which response of a `lambda` integration answers an invocation, as API Gateway picks it: a
 * success gets the default response (the empty pattern); an error message is matched against
 * the selection patterns (regular expressions on the whole message).
 */
import type { HttpResponse, HttpStatusCode } from '@stratus/event-http';

export interface StatusRule {
  statusCode: number;
  config: HttpStatusCode;
}

export interface StatusSelector {
  readonly success: StatusRule;
  /** The response for an error message (a `[NNN]` no response declares gets an empty `config`). */
  forError(message: string): StatusRule;
}

interface PatternRule extends StatusRule {
  pattern: RegExp;
}

const BRACKETED_STATUS = /\[(\d{3})\]/;

/** Compiles the selection patterns once; an invalid one is reported and never matches. */
export function compileStatusSelector(response: HttpResponse | undefined, where: string, warn: (message: string) => void): StatusSelector {
  let success: StatusRule | undefined;
  const patterns: PatternRule[] = [];
  const byCode = new Map<number, PatternRule>();
  for (const [code, config] of Object.entries(response?.statusCodes ?? {})) {
    const statusCode = Number(code);
    if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
      warn(`${where}: response.statusCodes.${code} is not an HTTP status code; it is ignored.`);
      continue;
    }
    if (config.pattern === '') {
      success ??= { statusCode, config };
      continue;
    }
    let pattern: RegExp;
    try {
      // Selection patterns match the whole message (Java's String.matches).
      pattern = new RegExp(`^(?:${config.pattern})$`);
    } catch (error) {
      warn(`${where}: response.statusCodes.${code}.pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)}); it never matches.`);
      continue;
    }
    const rule = { statusCode, config, pattern };
    patterns.push(rule);
    byCode.set(statusCode, rule);
  }
  const fallback: StatusRule = success ?? { statusCode: 200, config: { pattern: '' } };

  return {
    success: fallback,
    forError(message) {
      const bracketed = BRACKETED_STATUS.exec(message);
      const bracketedCode = bracketed ? Number(bracketed[1]) : undefined;
      // The first [NNN] decides when its response's pattern agrees: "[404] … [400]" is a 404.
      const named = bracketedCode === undefined ? undefined : byCode.get(bracketedCode);
      if (named?.pattern.test(message)) return named;
      const matched = patterns.find((rule) => rule.pattern.test(message));
      if (matched) return matched;
      // serverless-offline's convention: a [NNN] no pattern catches still gives the status.
      if (bracketedCode !== undefined && bracketedCode >= 100 && bracketedCode <= 599) {
        return { statusCode: bracketedCode, config: { pattern: '' } };
      }
      // API Gateway: an error no pattern matches gets the default response.
      return fallback;
    },
  };
}
