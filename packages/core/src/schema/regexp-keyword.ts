import type { KeywordDefinition } from 'ajv';

/**
 * v3's custom `regexp` keyword: a regular expression written as a JS literal string, so it can
 * carry flags (`regexp: '/^arn:/i'`), which JSON schema's `pattern` cannot.
 */
export const regexpKeyword: KeywordDefinition = {
  keyword: 'regexp',
  type: 'string',
  schemaType: 'string',
  compile(literal: string) {
    const expression = parseRegExpLiteral(literal);
    return (data: string) => expression.test(data);
  },
};

export function parseRegExpLiteral(literal: string): RegExp {
  const match = /^\/([\s\S]+)\/([a-z]*)$/.exec(literal);
  if (match === null) throw new Error(`"regexp" must be a regular expression literal such as '/^abc$/i', got '${literal}'`);
  return new RegExp(match[1]!, match[2]);
}
