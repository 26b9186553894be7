import { _, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';

/**
 * v3's custom `regexp` keyword: a regular expression written as a JS literal string, so it can
 * carry flags (`regexp: '/^arn:/i'`), which JSON schema's `pattern` cannot.
 *
 * A code generator rather than a `validate` function, so compiled validators can be written out
 * as standalone code (the validator cache): the expression is rebuilt from its source and flags.
 * Errors are ajv's default keyword error, as with a function keyword: `{ keyword: 'regexp', params: {} }`.
 */
export const regexpKeyword: CodeKeywordDefinition = {
  keyword: 'regexp',
  type: 'string',
  schemaType: 'string',
  code(cxt: KeywordCxt) {
    const expression = parseRegExpLiteral(cxt.schema as string);
    // ajv's own prefix for regular expressions (scopes accept only known prefixes); an equal
    // `pattern` may share the value, which is harmless: same source, same flags.
    const regExp = cxt.gen.scopeValue('pattern', {
      key: expression.toString(),
      ref: expression,
      code: _`new RegExp(${expression.source}, ${expression.flags})`,
    });
    cxt.fail(_`!${regExp}.test(${cxt.data})`);
  },
};

export function parseRegExpLiteral(literal: string): RegExp {
  const match = /^\/([\s\S]+)\/([a-z]*)$/.exec(literal);
  if (match === null) throw new Error(`"regexp" must be a regular expression literal such as '/^abc$/i', got '${literal}'`);
  return new RegExp(match[1]!, match[2]);
}
