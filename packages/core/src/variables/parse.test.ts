import { hasVariables, parseExpression, parseTemplate, type Template, type TypedSourceNode, type VariableNode } from './parse';

function onlyVariable(text: string): VariableNode {
  const template = parseTemplate(text);
  const part = template?.parts[0];
  if (template?.parts.length !== 1 || part === undefined || typeof part === 'string') throw new Error(`not one variable: ${text}`);
  return part;
}

function typed(variable: VariableNode, index = 0): TypedSourceNode {
  const source = variable.sources[index];
  if (source?.kind !== 'typed') throw new Error('not a typed source');
  return source;
}

const addressText = (template: Template | null) => template?.parts.join('');

describe('parseTemplate: what is a variable', () => {
  test('strings without ${ are not parsed at all', () => {
    expect(parseTemplate('plain text')).toBeNull();
  });

  test.each(['${AWS::Region}', '${Foo}', '${foo}', '${}', 'arn:${AWS::Partition}:s3:::${Bucket}', '${ Foo:bar }', "${'x'}"])(
    '%s is left as text',
    (text) => {
      expect(parseTemplate(text)).toBeNull();
    },
  );

  test('typed forms: type:address, type(params):address, type(params), type:', () => {
    const a = typed(onlyVariable('${self:custom.a}'));
    expect([a.type, a.params, addressText(a.address)]).toEqual(['self', [], 'custom.a']);

    const b = typed(onlyVariable('${cf(us-east-1):stack.Output}'));
    expect([b.type, b.params, addressText(b.address)]).toEqual(['cf', [{ kind: 'value', value: 'us-east-1' }], 'stack.Output']);

    const c = typed(onlyVariable('${strToBool(true)}'));
    expect([c.type, c.params, c.address]).toEqual(['strToBool', [{ kind: 'value', value: true }], null]);

    const d = typed(onlyVariable('${opt:}'));
    expect(addressText(d.address)).toBe('');
  });

  test('whitespace around sources, params and commas is allowed; addresses are trimmed', () => {
    const variable = onlyVariable("${  ssm( eu-west-1 , raw ):/path/x  ,  'fallback'  }");
    const source = typed(variable);
    expect(source.params).toEqual([{ kind: 'value', value: 'eu-west-1' }, { kind: 'value', value: 'raw' }]);
    expect(addressText(source.address)).toBe('/path/x');
    expect(variable.sources[1]).toEqual({ kind: 'literal', value: 'fallback' });
  });

  test('unquoted params convert numbers, booleans and null; quoted params stay strings', () => {
    const source = typed(onlyVariable(`\${x(1, -2.5, true, false, null, '7', "null", text)}`));
    expect(source.params.map((param) => (param.kind === 'value' ? param.value : 'template'))).toEqual([
      1, -2.5, true, false, null, '7', 'null', 'text',
    ]);
  });

  test('literal fallbacks: quoted strings (JSON escapes in double quotes), numbers, booleans, null', () => {
    const variable = onlyVariable(`\${env:A, 'single', "tab\\there", 42, -1.5, true, false, null}`);
    expect(variable.sources.slice(1)).toEqual([
      { kind: 'literal', value: 'single' },
      { kind: 'literal', value: 'tab\there' },
      { kind: 'literal', value: 42 },
      { kind: 'literal', value: -1.5 },
      { kind: 'literal', value: true },
      { kind: 'literal', value: false },
      { kind: 'literal', value: null },
    ]);
  });

  test('nested variables in addresses, params and as a fallback', () => {
    const inAddress = typed(onlyVariable('${self:custom.${sls:stage}.size}'));
    expect(inAddress.address?.parts).toEqual(['custom.', expect.objectContaining({ text: '${sls:stage}' }), '.size']);

    const inParam = typed(onlyVariable('${strToBool(${env:FLAG})}'));
    expect(inParam.params[0]).toEqual({ kind: 'template', template: expect.objectContaining({ text: '${env:FLAG}' }) });

    const fallback = onlyVariable('${opt:stage, ${self:provider.stage}}');
    expect(fallback.sources[1]).toEqual({ kind: 'nested', variable: expect.objectContaining({ text: '${self:provider.stage}' }) });
  });

  test('interpolated strings keep the text between variables', () => {
    const template = parseTemplate('a-${opt:x}-b-${env:Y}');
    expect(template?.parts).toEqual(['a-', expect.objectContaining({ text: '${opt:x}' }), '-b-', expect.objectContaining({ text: '${env:Y}' })]);
  });

  test('a backslash escapes a variable: it becomes literal text without the backslash', () => {
    const template = parseTemplate('keep \\${self:custom.${sls:stage}} and ${opt:x}');
    expect(template?.parts[0]).toBe('keep ${self:custom.${sls:stage}} and ');
    expect(template?.parts).toHaveLength(2);
    const onlyEscaped = parseTemplate('\\${self:x}');
    expect(onlyEscaped?.parts).toEqual(['${self:x}']);
    expect(onlyEscaped && hasVariables(onlyEscaped)).toBe(false);
  });

  test('parseExpression reads an expression written without ${}', () => {
    expect(typed(parseExpression('sls:stage')).type).toBe('sls');
    expect(() => parseExpression('Foo')).toThrow('Invalid variable expression "Foo"');
  });
});

describe('parseTemplate: syntax errors', () => {
  test.each([
    ['${self:custom.b', 'Missing variable closing bracket in ${self:custom.b'],
    ['${file(./a.yml', 'Missing variable closing bracket in ${file(./a.yml'],
    ['${opt:a, ', 'Missing variable closing bracket in ${opt:a, '],
    ['${opt:a, Foo}', 'Invalid variable type at index 9 in "${opt:a, Foo}"'],
    ['${opt:a, dev}', 'Invalid variable source at index 9 in "${opt:a, dev}"'],
    ['${file(./a.yml}', 'Invalid variable param at index 14 in "${file(./a.yml}"'],
    ["${file('a' b)}", `Invalid variable param at index 11 in "\${file('a' b)}"`],
    ["${self:'a' b}", `Invalid variable address at index 11 in "\${self:'a' b}"`],
    ['${self:a.${Foo}}', 'Invalid variable address at index 9 in "${self:a.${Foo}}"'],
    ['${opt:a, 12abc}', 'Invalid literal source at index 9 in "${opt:a, 12abc}"'],
    ["${opt:a, 'open}", `Invalid string literal at index 9 in "\${opt:a, 'open}"`],
    ['${opt:a, "bad\\q"}', 'Invalid string literal at index 9 in "${opt:a, "bad\\q"}"'],
    ['${file(a)x}', 'Invalid variable source at index 9 in "${file(a)x}"'],
  ])('%s', (text, message) => {
    expect(() => parseTemplate(text)).toThrow(message);
  });
});
