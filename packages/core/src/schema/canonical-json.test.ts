import { canonicalJson } from './canonical-json';

test('JSON-like data is written as JSON, keys in their order', () => {
  const value = { b: [1, 'two', true, null, { c: -1.5 }], a: { 'x"y': 'z' } };
  expect(canonicalJson(value)).toBe(JSON.stringify(value));
  expect(canonicalJson({ a: 1, b: 2 })).not.toBe(canonicalJson({ b: 2, a: 1 }));
});

test('undefined is kept apart from a missing key or null, and a hole from null', () => {
  expect(canonicalJson({ a: undefined })).not.toBe(canonicalJson({}));
  expect(canonicalJson({ a: [undefined] })).not.toBe(canonicalJson({ a: [null] }));
  expect(canonicalJson({ a: { b: undefined } })).not.toBe(canonicalJson({ a: {}, b: undefined }));
  expect(canonicalJson([1, , 3])).not.toBe(canonicalJson([1, null, 3]));
});

test('shared objects are fine, cycles and non-JSON values are not', () => {
  const shared = { type: 'string' };
  expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"type":"string"},"b":{"type":"string"}}');
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  for (const value of [cycle, { f: () => 1 }, { r: /x/ }, { n: Number.NaN }, { i: Infinity }, { d: new Date(0) }, { s: Symbol('s') }, { b: 1n }]) {
    expect(canonicalJson(value)).toBeUndefined();
  }
});

test('objects without a prototype count as plain', () => {
  expect(canonicalJson(Object.assign(Object.create(null) as object, { a: 1 }))).toBe('{"a":1}');
});
