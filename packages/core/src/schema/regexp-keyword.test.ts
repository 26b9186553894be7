import Ajv, { type KeywordDefinition } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { AJV_OPTIONS } from './ajv-options';
import { parseRegExpLiteral, regexpKeyword } from './regexp-keyword';

/** The keyword as it was before the cache: a compiled validate function. */
const functionKeyword: KeywordDefinition = {
  keyword: 'regexp',
  type: 'string',
  schemaType: 'string',
  compile(literal: string) {
    const expression = parseRegExpLiteral(literal);
    return (data: string) => expression.test(data);
  },
};

const schema = {
  type: 'object',
  properties: { arn: { type: 'string', regexp: '/^arn:aws:/i' }, anything: { regexp: '/^x/' } },
};

function validatorWith(keyword: KeywordDefinition) {
  const ajv = new Ajv(AJV_OPTIONS);
  ajv.addKeyword(keyword);
  return { ajv, validate: ajv.compile(schema) };
}

test.each([
  [{ arn: 'ARN:AWS:sqs' }],
  [{ arn: 'arn:gcp:x' }],
  [{ arn: 5 }],
  [{ anything: 'y', arn: ['nope'] }],
  [{ anything: 12 }],
])('the code keyword accepts, rejects and reports as the function keyword did: %j', (data) => {
  const before = validatorWith(functionKeyword).validate;
  const after = validatorWith(regexpKeyword).validate;
  const [a, b] = [structuredClone(data), structuredClone(data)];
  expect(after(b)).toBe(before(a));
  expect(b).toEqual(a);
  expect(after.errors).toEqual(before.errors);
});

test('standalone code rebuilds the expression with its flags', () => {
  const { ajv, validate } = validatorWith(regexpKeyword);
  const code = standaloneCode(ajv, validate);
  expect(code).toContain('new RegExp("^arn:aws:", "i")');
  const module = { exports: {} as (data: unknown) => boolean };
  new Function('module', 'exports', code)(module, module.exports);
  expect(module.exports({ arn: 'ARN:AWS:x' })).toBe(true);
  expect(module.exports({ arn: 'arn:gcp:x' })).toBe(false);
});

test('a literal without slashes is rejected when the schema compiles', () => {
  const ajv = new Ajv(AJV_OPTIONS);
  ajv.addKeyword(regexpKeyword);
  expect(() => ajv.compile({ type: 'string', regexp: '^abc$' })).toThrow(`"regexp" must be a regular expression literal such as '/^abc$/i', got '^abc$'`);
});
