/**
 * The syntax of API Gateway's JSONPath (Jayway JsonPath): a path is checked here, and sorted into
 * definite (names and single indexes only: it selects one value or nothing) or indefinite (a
 * wildcard, `..`, a filter, a slice or a union: it selects a list). Definite paths become the keys
 * to walk; indefinite ones a path in the form jsonpath-plus reads. Anything else is not valid.
 */

export type ParsedJsonPath =
  | { definite: true; keys: Array<string | number> }
  | { definite: false; libraryPath: string };

/** Jayway filter operators jsonpath-plus does not know (it would quietly match nothing); `@.size` is still a member. */
const JAYWAY_ONLY_OPERATORS = /\s(?:in|nin|subsetof|anyof|noneof|size|empty)\s|=~/;
const INTEGER = /^-?\d+$/;
const SLICE = /^(-?\d+)?:(-?\d+)?(?::(-?\d+)?)?$/;
/** A name after `.`: up to the next step (`cognito:groups` and `detail-type` are names). */
const DOT_NAME = /^[^.[\]()'"\s*?@,]+/;
const PLAIN_NAME = /^[A-Za-z_]\w*$/;

/**
 * Names jsonpath-plus would read as one of its operators even when quoted (`*`, `$`, `^` parent,
 * `@type()`, a slice…): such a name cannot be handed to it.
 */
const LIBRARY_OPERATOR_NAME = /^(?:[*$@`?(]|\.\.|-?\d*:-?\d*:?-?\d*$)|[\]^]/;

/** A name as jsonpath-plus reads it back (plain, or quoted with `'` and `\` escaped); undefined when it cannot be. */
function libraryName(name: string): string | undefined {
  if (PLAIN_NAME.test(name)) return `.${name}`;
  return LIBRARY_OPERATOR_NAME.test(name) ? undefined : `['${name.replace(/[\\']/g, '\\$&')}']`;
}

/**
 * An index as jsonpath-plus reads it: it has no negative indexes, so `[-2]` becomes the slice
 * `[-2:-1]` (the path is indefinite anyway when the library evaluates it).
 */
const libraryIndex = (index: number): string => (index >= 0 ? `[${index}]` : index === -1 ? '[-1:]' : `[${index}:${index + 1}]`);

/** Filter text with its string literals blanked, so that operators are looked for outside them. */
const withoutStrings = (text: string): string => text.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, '""');

/** A quoted name at `text[at]` (`'…'` or `"…"`, `\` escapes): the name and where it ends. */
function readQuoted(text: string, at: number): { name: string; end: number } | undefined {
  const quote = text[at];
  let name = '';
  for (let i = at + 1; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === '\\') {
      if (i + 1 >= text.length) return undefined;
      name += text[i + 1];
      i += 1;
    } else if (char === quote) {
      return { name, end: i + 1 };
    } else {
      name += char;
    }
  }
  return undefined;
}

/** `?(…)` from `text[at]` (just after `[`): the filter, balanced parentheses, strings skipped; and where `)` ends. */
function readFilter(text: string, at: number): { filter: string; end: number } | undefined {
  if (text[at] !== '?' || text[at + 1] !== '(') return undefined;
  let depth = 0;
  for (let i = at + 1; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === "'" || char === '"') {
      const quoted = readQuoted(text, i);
      if (!quoted) return undefined;
      i = quoted.end - 1;
    } else if (char === '(') {
      depth += 1;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0) return { filter: text.slice(at + 2, i), end: i + 1 };
    }
  }
  return undefined;
}

interface Selector {
  /** A name or index, when the selector is one (definite); undefined otherwise. */
  key?: string | number;
  /** The selector as jsonpath-plus reads it (after `.` / `..`, or as a bracket); undefined when it cannot. */
  library: string | undefined;
}

/** The inside of `[…]` from `text[at]` (just after `[`): the selector, and where `]` ends. */
function readBracket(text: string, from: number): { selector: Selector; end: number } | undefined {
  let at = from;
  while (text[at] === ' ') at += 1;
  const filter = readFilter(text, at);
  if (filter) {
    if (text[filter.end] !== ']' || filter.filter.trim() === '' || JAYWAY_ONLY_OPERATORS.test(withoutStrings(filter.filter))) return undefined;
    return { selector: { library: `[?(${filter.filter})]` }, end: filter.end + 1 };
  }
  if (text[at] === "'" || text[at] === '"') {
    // One quoted name, or a union of them.
    const names: string[] = [];
    let i = at;
    for (;;) {
      const quoted = readQuoted(text, i);
      if (!quoted) return undefined;
      names.push(quoted.name);
      i = quoted.end;
      while (text[i] === ' ') i += 1;
      if (text[i] === ']') break;
      if (text[i] !== ',') return undefined;
      i += 1;
      while (text[i] === ' ') i += 1;
    }
    const [only] = names;
    if (names.length === 1 && only !== undefined) return { selector: { key: only, library: libraryName(only) }, end: i + 1 };
    // jsonpath-plus 10 reads a union of plain names unquoted (`[a,b]`); other names cannot be handed to it.
    return { selector: { library: names.every((name) => PLAIN_NAME.test(name)) ? `[${names.join(',')}]` : undefined }, end: i + 1 };
  }
  const close = text.indexOf(']', at);
  if (close === -1) return undefined;
  const inside = text.slice(at, close).replace(/\s+/g, '');
  const end = close + 1;
  if (inside === '*') return { selector: { library: '[*]' }, end };
  if (INTEGER.test(inside)) return { selector: { key: Number(inside), library: libraryIndex(Number(inside)) }, end };
  if (SLICE.test(inside)) return { selector: { library: `[${inside}]` }, end };
  const indexes = inside.split(',');
  // jsonpath-plus reads each member of a union as a name: negative indexes would select nothing.
  if (indexes.length > 1 && indexes.every((index) => /^\d+$/.test(index))) return { selector: { library: `[${indexes.map(Number).join(',')}]` }, end };
  return undefined;
}

/** Parses a JSONPath; undefined when it is not one offline can evaluate as Jayway would. */
export function parseJsonPath(path: string): ParsedJsonPath | undefined {
  if (!path.startsWith('$')) return undefined;
  const keys: Array<string | number> = [];
  // Undefined once a step cannot be handed to jsonpath-plus (which only matters when the path is indefinite).
  let library: string | undefined = '$';
  let definite = true;
  let i = 1;
  while (i < path.length) {
    let deep = false;
    if (path.startsWith('..', i)) {
      deep = true;
      definite = false;
      i += 2;
    } else if (path[i] === '.') {
      i += 1;
    } else if (path[i] !== '[') {
      return undefined;
    }
    let selector: Selector;
    if (path[i] === '[') {
      const bracket = readBracket(path, i + 1);
      if (!bracket) return undefined;
      selector = bracket.selector;
      i = bracket.end;
    } else if (path[i] === '*') {
      selector = { library: '[*]' };
      i += 1;
    } else {
      const name = DOT_NAME.exec(path.slice(i))?.[0];
      if (name === undefined) return undefined;
      selector = { key: name, library: libraryName(name) };
      i += name.length;
    }
    if (selector.key === undefined) definite = false;
    else keys.push(selector.key);
    if (library !== undefined) library = selector.library === undefined ? undefined : library + (deep ? `..${selector.library.replace(/^\./, '')}` : selector.library);
  }
  if (definite) return { definite, keys };
  return library === undefined ? undefined : { definite, libraryPath: library };
}
