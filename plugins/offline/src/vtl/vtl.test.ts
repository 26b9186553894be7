import { inputVariable } from './input-variable';
import { compileMappingTemplate } from './mapping-template';
import { escapeJavaScript, urlDecode, urlEncode, utilVariable } from './util-variable';

const params = { path: { id: 'p' }, querystring: { id: 'q', q: 'query' }, header: { 'X-Name': 'h', id: 'header' } };

describe('$util', () => {
  it('escapes as Java\'s escapeJavaScript: both quotes, slash, controls and non-ASCII', () => {
    expect(escapeJavaScript(`a'b"c\\d/e\n\tf\u0001é`)).toBe(`a\\'b\\"c\\\\d\\/e\\n\\tf\\u0001\\u00E9`);
    expect(escapeJavaScript(undefined)).toBe('');
    expect(escapeJavaScript({ a: 1, b: [2, 3] })).toBe('{a=1, b=[2, 3]}');
  });

  it('URL-encodes as Java: + for spaces, marks other than *-._ escaped', () => {
    expect(urlEncode("a b!'()~*-._")).toBe('a+b%21%27%28%29%7E*-._');
    expect(urlDecode('a+b%2Bc')).toBe('a b+c');
    expect(() => urlDecode('%E0%A4%A')).toThrow();
  });

  it('parses JSON and encodes base64 as UTF-8', () => {
    expect(utilVariable.parseJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(() => utilVariable.parseJson('{')).toThrow();
    expect(utilVariable.base64Encode('é')).toBe('w6k=');
    expect(utilVariable.base64Decode('w6k=')).toBe('é');
  });
});

describe('$input', () => {
  it('selects JSONPaths as JSON text or values (lists for indefinite paths), and reports the ones it cannot evaluate', () => {
    const unsupported: string[] = [];
    const input = inputVariable('{"a":{"b":[1,{"c":"d"}]},"x-y":true}', params, (path) => unsupported.push(path));
    expect(input.json('$')).toBe('{"a":{"b":[1,{"c":"d"}]},"x-y":true}');
    expect(input.json('$.a.b[1]')).toBe('{"c":"d"}');
    expect(input.path("$['x-y']")).toBe(true);
    expect(input.json('$.missing')).toBe('');
    expect(input.path('$..c')).toEqual(['d']);
    expect(input.json('$.a.b[?(@.c)]')).toBe('[{"c":"d"}]');
    expect(input.json('$..nothing')).toBe('[]');
    expect(input.path('$.a.b.length()')).toBeUndefined();
    expect(unsupported).toEqual(['$.a.b.length()']);
  });

  it('lets a template walk the list an indefinite path gives', () => {
    const input = inputVariable('{"items":[{"n":1},{"n":5},{"n":7}]}', params, () => undefined);
    const template = compileMappingTemplate(`#foreach($n in $input.path('$.items[?(@.n > 2)].n'))$n;#end $input.path('$..n').size()`, 'test');
    expect(template.render({ input, util: utilVariable, context: {} as never, stageVariables: {} })).toBe('5;7; 3');
  });

  it('keeps a body that is not JSON as text', () => {
    const input = inputVariable('a=1&b=2', params, () => undefined);
    expect(input.path('$')).toBe('a=1&b=2');
    expect(input.json('$')).toBe('a=1&b=2');
    expect(input.body).toBe('a=1&b=2');
  });

  it('finds a parameter in the path, then the query string, then the headers (any case)', () => {
    const input = inputVariable('', params, () => undefined);
    expect(input.params('id')).toBe('p');
    expect(input.params('q')).toBe('query');
    expect(input.params('x-name')).toBe('h');
    expect(input.params('nothing')).toBe('');
    expect(input.params()).toBe(params);
  });
});

describe('mapping templates', () => {
  const render = (source: string, extra: Record<string, unknown> = {}): string =>
    compileMappingTemplate(source, 'test').render({ input: inputVariable('{}', params, () => undefined), util: utilVariable, context: {} as never, stageVariables: {}, ...extra });

  it('give Java meanings to replaceAll, matches, isEmpty and containsKey', () => {
    expect(render(`#set($s = "a.b.c")$s.replaceAll("\\.", "-") $s.matches("a.*") $s.matches("b") $s.isEmpty() $s.length()`)).toBe('a-b-c true false false 5');
    expect(render(`#set($m = {"k": 1})$m.containsKey("k") $m.isEmpty() $input.params().path.isEmpty()`)).toBe('true false false');
  });

  it('render an undefined reference as nothing, as API Gateway does', () => {
    expect(render('[$context.authorizer.principalId]')).toBe('[]');
  });

  it('report a syntax error when compiled, naming the template', () => {
    expect(() => compileMappingTemplate('#if($a', 'functions.f request.template')).toThrow(/functions\.f request\.template is not a valid Velocity template/);
  });
});
