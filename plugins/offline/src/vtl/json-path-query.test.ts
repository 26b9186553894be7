import { parseJsonPath } from './json-path-syntax';
import { isJsonPath, queryJsonPath } from './json-path-query';

const store = {
  book: [
    { title: 'A', price: 8, tags: ['x', 'y'] },
    { title: 'B', price: 12, isbn: '123' },
    { title: 'C', price: 20, tags: [] },
  ],
  bicycle: { color: 'red', price: 19 },
  'odd name': { 'it\'s': 1, 'a.b': 2 },
};

const value = (path: string): unknown => {
  const selection = queryJsonPath(store, path);
  if (!selection.ok) throw new Error(`${path} was refused`);
  return selection.value;
};

describe('API Gateway JSONPath (Jayway semantics)', () => {
  it('gives the value of a definite path, or nothing', () => {
    expect(value('$.bicycle.color')).toBe('red');
    expect(value('$.book[1].isbn')).toBe('123');
    expect(value("$['odd name']['it\\'s']")).toBe(1);
    expect(value('$["odd name"]["a.b"]')).toBe(2);
    expect(value('$.book[-1].title')).toBe('C');
    expect(queryJsonPath({ claims: { 'cognito:groups': 'admins' } }, '$.claims.cognito:groups')).toEqual({ ok: true, value: 'admins' });
    expect(value("$[ 'bicycle' ].color")).toBe('red');
    expect(value('$.book[0].missing')).toBeUndefined();
    expect(value('$.book[7]')).toBeUndefined();
  });

  it('reads own members only: no array length, no prototype', () => {
    expect(value('$.book.length')).toBeUndefined();
    expect(value('$.bicycle.constructor')).toBeUndefined();
    expect(value("$['bicycle']['__proto__']")).toBeUndefined();
  });

  it('gives the matches of a wildcard as a list', () => {
    expect(value('$.book[*].title')).toEqual(['A', 'B', 'C']);
    expect(value('$.bicycle.*')).toEqual(['red', 19]);
    expect(value('$.book[*].nothing')).toEqual([]);
  });

  it('gives the matches of a deep scan (..) as a list', () => {
    expect(value('$..price')).toEqual([8, 12, 20, 19]);
    expect(value('$..isbn')).toEqual(['123']);
    expect(value('$..nothing')).toEqual([]);
  });

  it('evaluates filters safely, a member some elements lack matching none of them', () => {
    expect(value('$.book[?(@.price < 15)].title')).toEqual(['A', 'B']);
    expect(value("$.book[?(@.title == 'C' || @.isbn)].price")).toEqual([12, 20]);
    expect(value('$.book[?(@.tags[0] == "x")].title')).toEqual(['A']);
    expect(value('$.book[?(@.price > 100)]')).toEqual([]);
    // Members named like Jayway's word operators are members; a word inside a string is text.
    expect(queryJsonPath({ a: [{ size: 3, empty: 'in' }] }, "$.a[?(@.size > 2 && @.empty == 'in')].size")).toEqual({ ok: true, value: [3] });
    // A filter that would reach the Function constructor is refused by the safe evaluator (no match), not run.
    expect(value('$.book[?(@.constructor.constructor("return 1")())]')).toEqual([]);
  });

  it('gives slices and unions as lists', () => {
    expect(value('$.book[0:2].title')).toEqual(['A', 'B']);
    expect(value('$.book[-2:].title')).toEqual(['B', 'C']);
    expect(value('$.book[0,2].title')).toEqual(['A', 'C']);
    expect(value("$.bicycle['color','price']")).toEqual(['red', 19]);
    // A single-element selection from an indefinite path is still a list.
    expect(value('$.book[0:1].title')).toEqual(['A']);
  });

  it('keeps a negative index right inside an indefinite path', () => {
    expect(value('$.book[*].tags[-1]')).toEqual(['y']);
  });

  it('gives an empty list when the root is not an object', () => {
    expect(queryJsonPath('plain text', '$..a')).toEqual({ ok: true, value: [] });
    expect(queryJsonPath(null, '$[*]')).toEqual({ ok: true, value: [] });
  });

  it('refuses paths it cannot evaluate as Jayway would', () => {
    for (const path of ['a.b', '$.', '$..', '$[', '$.a[', "$['a", '$.a b', '$.book.length()', '$.book[?(@.price >)]', "$.book[?(@.title in ['A'])]", '$.book[?(@.title =~ /A/)]', '$.book[?(@.tags size 2)]', '$.book[0,-1]', '$.book[?()]']) {
      expect([path, queryJsonPath(store, path)]).toEqual([path, { ok: false }]);
    }
    expect(isJsonPath('$.book[?(@.price >)]')).toBe(false);
    // A name jsonpath-plus would take for one of its operators (^ is its parent): fine to walk, not to hand over.
    expect(queryJsonPath({ 'a^b': 1 }, "$['a^b']")).toEqual({ ok: true, value: 1 });
    expect(queryJsonPath(store, "$.book[*]['a^b']")).toEqual({ ok: false });
    expect(isJsonPath('$.a.b[*]')).toBe(true);
  });
});

describe('JSONPath syntax', () => {
  it('sorts paths into definite (keys to walk) and indefinite (a path for the library)', () => {
    expect(parseJsonPath("$.a['b c'][3][-1]")).toEqual({ definite: true, keys: ['a', 'b c', 3, -1] });
    expect(parseJsonPath('$')).toEqual({ definite: true, keys: [] });
    expect(parseJsonPath('$.a[*]')).toEqual({ definite: false, libraryPath: '$.a[*]' });
    expect(parseJsonPath('$..a')).toEqual({ definite: false, libraryPath: '$..a' });
    expect(parseJsonPath('$.a[?(@.x > 1)]')).toEqual({ definite: false, libraryPath: '$.a[?(@.x > 1)]' });
    expect(parseJsonPath('$.a[1:3]')).toEqual({ definite: false, libraryPath: '$.a[1:3]' });
    expect(parseJsonPath('$.a[0, 2]')).toEqual({ definite: false, libraryPath: '$.a[0,2]' });
    expect(parseJsonPath('$["a", "b"]')).toEqual({ definite: false, libraryPath: '$[a,b]' });
    // A union of names jsonpath-plus cannot read unquoted: not evaluated (reported), rather than wrong.
    expect(parseJsonPath("$['a b', 'c']")).toBeUndefined();
    expect(parseJsonPath('$[*][-2]')).toEqual({ definite: false, libraryPath: '$[*][-2:-1]' });
    expect(parseJsonPath("$..['x-y']")).toEqual({ definite: false, libraryPath: "$..['x-y']" });
  });
});
