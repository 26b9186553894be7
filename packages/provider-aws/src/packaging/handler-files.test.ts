import { handlerFileCandidates, handlerWarning } from './handler-files';

describe('handlerFileCandidates', () => {
  test('Node: the module path with each Node extension; the last dot separates the method', () => {
    expect(handlerFileCandidates('src/handlers/users.create', 'nodejs20.x')).toEqual(['src/handlers/users.js', 'src/handlers/users.mjs', 'src/handlers/users.cjs', 'src/handlers/users.ts']);
    expect(handlerFileCandidates('.build/v1.2/app.main', 'nodejs18.x')).toEqual(['.build/v1.2/app.js', '.build/v1.2/app.mjs', '.build/v1.2/app.cjs', '.build/v1.2/app.ts']);
    expect(handlerFileCandidates('./handler.hello', 'nodejs20.x')?.[0]).toBe('handler.js');
  });

  test('Python: file.py, and a dotted module path as folders', () => {
    expect(handlerFileCandidates('app/main.handler', 'python3.12')).toEqual(['app/main.py']);
    expect(handlerFileCandidates('pkg.mod.handler', 'python3.11')).toEqual(['pkg.mod.py', 'pkg/mod.py']);
  });

  test('no check for runtimes whose handler is not a file, or a handler without a method', () => {
    expect(handlerFileCandidates('com.example.Handler::handleRequest', 'java17')).toBeUndefined();
    expect(handlerFileCandidates('bootstrap', 'provided.al2')).toBeUndefined();
  });
});

describe('handlerWarning', () => {
  test('no warning when a candidate is in the zip', () => {
    expect(handlerWarning('hello', 'src/h.main', 'nodejs20.x', new Set(['src/h.mjs']), () => false)).toBeUndefined();
  });

  test('names the function and every path looked for when no file exists', () => {
    const warning = handlerWarning('hello', 'src/h.main', 'nodejs20.x', new Set(), () => false);
    expect(warning).toContain('"hello"');
    expect(warning).toContain('src/h.js, src/h.mjs, src/h.cjs, src/h.ts');
  });

  test('says when the file exists but patterns left it out', () => {
    expect(handlerWarning('hello', 'h.main', 'python3.12', new Set(), (path) => path === 'h.py')).toMatch(/"hello".*"h\.py" exists but is not in the package/);
  });
});
