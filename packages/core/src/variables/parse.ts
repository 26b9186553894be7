/**
 * Parser for v3's variable syntax: `${type(params):address, fallback, 'literal'}` inside a string.
 * Produces a small tree the evaluator walks; it never resolves anything itself.
 */

/** A string split into plain text and variables, in order. */
export interface Template {
  /** The original string (for error messages). */
  readonly text: string;
  readonly parts: ReadonlyArray<string | VariableNode>;
}

export interface VariableNode {
  /** The variable as written, `${…}` included. */
  readonly text: string;
  /** Tried left to right (fallbacks). */
  readonly sources: readonly SourceNode[];
}

export type SourceNode = TypedSourceNode | LiteralSourceNode | NestedSourceNode;

export interface TypedSourceNode {
  readonly kind: 'typed';
  readonly type: string;
  readonly params: readonly ParamNode[];
  /** Null when there is no `:`; an address may hold nested variables. */
  readonly address: Template | null;
}

export interface LiteralSourceNode {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
}

/** `${opt:stage, ${self:provider.stage}}`: a whole variable used as a fallback. */
export interface NestedSourceNode {
  readonly kind: 'nested';
  readonly variable: VariableNode;
}

export type ParamNode =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'template'; readonly template: Template };

export class VariableSyntaxError extends Error {
  override readonly name = 'VariableSyntaxError';
}

/**
 * Parses every variable in `value`. Returns null when the string holds neither a variable nor an
 * escaped one, which is the common case and costs one `includes` call.
 */
export function parseTemplate(value: string): Template | null {
  if (!value.includes('${')) return null;
  return new Parser(value).template();
}

export function hasVariables(template: Template): boolean {
  return template.parts.some((part) => typeof part !== 'string');
}

/** Parses a variable expression written without `${}` (`sls:stage`), as plugins pass it. */
export function parseExpression(expression: string): VariableNode {
  const text = `\${${expression}}`;
  const template = new Parser(text).template();
  const only = template?.parts.length === 1 ? template.parts[0] : undefined;
  if (only === undefined || typeof only === 'string') {
    throw new VariableSyntaxError(`Invalid variable expression "${expression}"`);
  }
  return only;
}

const LITERAL_WORDS: ReadonlyMap<string, boolean | null> = new Map([['true', true], ['false', false], ['null', null]]);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const isWhitespace = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\n' || char === '\r';
const isLowercase = (char: string | undefined): boolean => char !== undefined && char >= 'a' && char <= 'z';
const isTypeChar = (char: string | undefined): boolean =>
  char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9'));

/**
 * Whether the `${` at `open` starts a variable. Anything else (`${AWS::Region}`, `${Foo}`, `${foo}`,
 * `${}`) is plain text, so CloudFormation `Fn::Sub` strings pass through untouched.
 */
function startsVariable(value: string, open: number): boolean {
  let index = open + 2;
  while (isWhitespace(value[index])) index += 1;
  if (!isLowercase(value[index])) return false;
  while (isTypeChar(value[index])) index += 1;
  return value[index] === ':' || value[index] === '(';
}

/** Unquoted params: numbers, true/false/null become values; anything else stays text. */
function convertUnquoted(text: string): unknown {
  if (LITERAL_WORDS.has(text)) return LITERAL_WORDS.get(text);
  return NUMBER.test(text) ? Number(text) : text;
}

class Parser {
  private pos = 0;

  constructor(private readonly value: string) {}

  template(): Template | null {
    const { value } = this;
    const parts: Array<string | VariableNode> = [];
    let text = '';
    let cursor = 0;
    let escaped = false;
    for (let open = value.indexOf('${'); open !== -1; open = value.indexOf('${', cursor)) {
      if (!startsVariable(value, open)) {
        text += value.slice(cursor, open + 2);
        cursor = open + 2;
        continue;
      }
      if (value[open - 1] === '\\') {
        // `\${self:x}` is the literal `${self:x}`: drop the backslash, keep the whole variable as text.
        const end = this.variableEnd(open);
        text += value.slice(cursor, open - 1) + value.slice(open, end);
        cursor = end;
        escaped = true;
        continue;
      }
      text += value.slice(cursor, open);
      if (text !== '') parts.push(text);
      text = '';
      this.pos = open;
      parts.push(this.variable());
      cursor = this.pos;
    }
    text += value.slice(cursor);
    if (parts.length === 0 && !escaped) return null;
    if (text !== '') parts.push(text);
    return { text: value, parts };
  }

  /** End of the escaped variable at `open`; a malformed one only escapes its `${`. */
  private variableEnd(open: number): number {
    this.pos = open;
    try {
      this.variable();
      return this.pos;
    } catch {
      return open + 2;
    }
  }

  private variable(): VariableNode {
    const start = this.pos;
    this.pos += 2;
    const sources: SourceNode[] = [];
    for (;;) {
      this.skipWhitespace();
      sources.push(this.source(sources.length === 0));
      this.skipWhitespace();
      const char = this.value[this.pos];
      if (char === ',') {
        this.pos += 1;
        continue;
      }
      if (char === '}') {
        this.pos += 1;
        return { text: this.value.slice(start, this.pos), sources };
      }
      if (char === undefined) throw this.unterminated();
      throw this.errorAt('Invalid variable source', this.pos);
    }
  }

  private source(first: boolean): SourceNode {
    const at = this.pos;
    const char = this.value[at];
    if (char === undefined) throw this.unterminated();
    if (char === '$' && this.value[at + 1] === '{') {
      if (first || !startsVariable(this.value, at)) throw this.errorAt('Invalid variable source', at);
      return { kind: 'nested', variable: this.variable() };
    }
    if (isLowercase(char)) return this.typedSource(first, at);
    // Literals are fallbacks only: `${'x'}` alone is not a variable (startsVariable said so).
    if (first) throw this.errorAt('Invalid variable type', at);
    if (char === '"' || char === "'") return { kind: 'literal', value: this.stringLiteral() };
    if (/[-+.0-9]/.test(char)) return this.numberLiteral(at);
    throw this.errorAt('Invalid variable type', at);
  }

  private typedSource(first: boolean, at: number): SourceNode {
    while (isTypeChar(this.value[this.pos])) this.pos += 1;
    const type = this.value.slice(at, this.pos);
    const next = this.value[this.pos];
    if (!first && LITERAL_WORDS.has(type) && next !== '(' && next !== ':') {
      return { kind: 'literal', value: LITERAL_WORDS.get(type) ?? null };
    }
    const params = next === '(' ? this.params() : [];
    let address: Template | null = null;
    if (this.value[this.pos] === ':') {
      this.pos += 1;
      address = this.address();
    }
    if (next !== '(' && address === null) {
      if (this.pos >= this.value.length) throw this.unterminated();
      throw this.errorAt('Invalid variable source', at);
    }
    return { kind: 'typed', type, params, address };
  }

  private params(): ParamNode[] {
    this.pos += 1; // (
    const params: ParamNode[] = [];
    this.skipWhitespace();
    if (this.value[this.pos] === ')') {
      this.pos += 1;
      return params;
    }
    for (;;) {
      this.skipWhitespace();
      params.push(this.param());
      this.skipWhitespace();
      const char = this.value[this.pos];
      if (char === ',') {
        this.pos += 1;
        continue;
      }
      if (char === ')') {
        this.pos += 1;
        return params;
      }
      if (char === undefined) throw this.unterminated();
      throw this.errorAt('Invalid variable param', this.pos);
    }
  }

  private param(): ParamNode {
    const at = this.pos;
    const char = this.value[at];
    if (char === '"' || char === "'") return { kind: 'value', value: this.stringLiteral() };
    const template = this.unquoted(')', 'Invalid variable param');
    if (template.parts.length === 0) throw this.errorAt('Invalid variable param', at);
    const [only] = template.parts;
    if (template.parts.length === 1 && typeof only === 'string') return { kind: 'value', value: convertUnquoted(only) };
    return { kind: 'template', template };
  }

  private address(): Template {
    this.skipWhitespace();
    const at = this.pos;
    const char = this.value[at];
    if (char === '"' || char === "'") {
      const text = this.stringLiteral();
      this.skipWhitespace();
      const next = this.value[this.pos];
      if (next !== ',' && next !== '}' && next !== undefined) throw this.errorAt('Invalid variable address', this.pos);
      return { text, parts: [text] };
    }
    return this.unquoted('}', 'Invalid variable address');
  }

  /**
   * Unquoted param or address text up to `,` or `closer`, with nested variables; trailing
   * whitespace trimmed (leading whitespace was skipped by the caller).
   */
  private unquoted(closer: ')' | '}', errorName: string): Template {
    const start = this.pos;
    const parts: Array<string | VariableNode> = [];
    let textStart = this.pos;
    for (;;) {
      const char = this.value[this.pos];
      if (char === undefined) throw this.unterminated();
      if (char === ',' || char === closer) break;
      if (char === '}') throw this.errorAt(errorName, this.pos); // `}` inside `(…)`: a missing `)`
      if (char === '$' && this.value[this.pos + 1] === '{') {
        if (!startsVariable(this.value, this.pos)) throw this.errorAt(errorName, this.pos);
        if (this.pos > textStart) parts.push(this.value.slice(textStart, this.pos));
        parts.push(this.variable());
        textStart = this.pos;
        continue;
      }
      this.pos += 1;
    }
    if (this.pos > textStart) parts.push(this.value.slice(textStart, this.pos));
    const last = parts[parts.length - 1];
    if (typeof last === 'string') {
      const trimmed = last.trimEnd();
      if (trimmed === '') parts.pop();
      else parts[parts.length - 1] = trimmed;
    }
    return { text: this.value.slice(start, this.pos).trimEnd(), parts };
  }

  private stringLiteral(): string {
    const at = this.pos;
    const quote = this.value[at];
    let index = at + 1;
    while (index < this.value.length && this.value[index] !== quote) index += this.value[index] === '\\' ? 2 : 1;
    if (index >= this.value.length) throw this.errorAt('Invalid string literal', at);
    const body = this.value.slice(at + 1, index);
    this.pos = index + 1;
    if (quote === "'") return body.replace(/\\(['\\])/g, '$1');
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      throw this.errorAt('Invalid string literal', at);
    }
  }

  private numberLiteral(at: number): LiteralSourceNode {
    while (this.pos < this.value.length && !/[,}\s]/.test(this.value[this.pos] ?? '')) this.pos += 1;
    const text = this.value.slice(at, this.pos);
    if (!NUMBER.test(text)) throw this.errorAt('Invalid literal source', at);
    return { kind: 'literal', value: Number(text) };
  }

  private skipWhitespace(): void {
    while (isWhitespace(this.value[this.pos])) this.pos += 1;
  }

  private unterminated(): VariableSyntaxError {
    return new VariableSyntaxError(`Missing variable closing bracket in ${this.value}`);
  }

  private errorAt(what: string, index: number): VariableSyntaxError {
    return new VariableSyntaxError(`${what} at index ${index} in "${this.value}"`);
  }
}
