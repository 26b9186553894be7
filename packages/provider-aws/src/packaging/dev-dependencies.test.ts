import { join } from 'node:path';
import { findDevDependencyExclusions, isInsideAnyOf } from './dev-dependencies';
import { npmLayout, pnpmLayout } from './__fixtures__/node-modules-trees';
import { makeTempDir, packageFiles, removeTempDirs, writeTree } from './__fixtures__/temp-tree';

afterAll(removeTempDirs);

describe('findDevDependencyExclusions', () => {
  test('npm flat layout: dev-only packages (and what only they need) are found, shared and nested prod versions are not', () => {
    const root = makeTempDir();
    writeTree(root, npmLayout());
    const found = findDevDependencyExclusions([root], root);

    expect(found.packageNames).toEqual(['devonly', 'devtool', 'inner', 'x']);
    const nm = join(root, 'node_modules');
    expect([...found.realDirs].sort()).toEqual([join(nm, 'devonly'), join(nm, 'devtool'), join(nm, 'devtool/node_modules/inner'), join(nm, 'x')].sort());
    // `a` resolves its own nested x@1: that one is production.
    expect(found.realDirs.has(join(nm, 'a/node_modules/x'))).toBe(false);
    expect([...found.binNames].sort()).toEqual(['devonly', 'devtool', 'dt', 'inner'].flatMap((name) => [name, `${name}.cmd`, `${name}.ps1`]).sort());
  });

  test('pnpm layout: packages are followed through the store, dev-only store slots are excluded whole', () => {
    const root = makeTempDir();
    writeTree(root, pnpmLayout());
    const found = findDevDependencyExclusions([root], root);

    const store = join(root, 'node_modules/.pnpm');
    expect(found.packageNames).toEqual(['@types/thing', 'devonly', 'devtool']);
    expect([...found.realDirs].sort()).toEqual(
      [
        join(store, '@types+thing@1.0.0'),
        join(store, '@types+thing@1.0.0/node_modules/@types/thing'),
        join(store, 'devonly@1.0.0'),
        join(store, 'devonly@1.0.0/node_modules/devonly'),
        join(store, 'devtool@1.0.0'),
        join(store, 'devtool@1.0.0/node_modules/devtool'),
      ].sort(),
    );
    expect(found.binNames.has('devtool')).toBe(true);
    expect(found.binNames.has('devonly-cli')).toBe(true);
  });

  test('a dependency also declared in devDependencies stays, and so does a command a production package provides', () => {
    const root = makeTempDir();
    writeTree(root, {
      'package.json': JSON.stringify({ dependencies: { both: '1', runner: '1' }, devDependencies: { both: '1', 'runner-dev': '1' } }),
      ...packageFiles('node_modules/both', 'both'),
      ...packageFiles('node_modules/runner', 'runner', { bin: { run: 'cli.js' } }),
      ...packageFiles('node_modules/runner-dev', 'runner-dev', { bin: { run: 'cli.js', 'run-dev': 'cli.js' } }),
    });
    const found = findDevDependencyExclusions([root], root);
    expect(found.packageNames).toEqual(['runner-dev']);
    expect(found.binNames.has('run-dev')).toBe(true);
    expect(found.binNames.has('run')).toBe(false);
  });

  test('every project folder counts, and resolution never leaves the containment root', () => {
    const outer = makeTempDir();
    writeTree(outer, {
      ...packageFiles('node_modules/outside-dev', 'outside-dev'),
      'service/package.json': JSON.stringify({ devDependencies: { 'outside-dev': '1' } }),
      'service/sub/package.json': JSON.stringify({ devDependencies: { tool: '1' } }),
      ...packageFiles('service/sub/node_modules/tool', 'tool'),
    });
    const service = join(outer, 'service');
    const found = findDevDependencyExclusions([service, join(service, 'sub')], service);
    expect(found.packageNames).toEqual(['tool']);
  });
});

describe('isInsideAnyOf', () => {
  test('checks the path and its parents up to the stop folder', () => {
    const dirs = new Set(['/s/node_modules/dev']);
    expect(isInsideAnyOf('/s/node_modules/dev/lib/x.js', dirs, '/s')).toBe(true);
    expect(isInsideAnyOf('/s/node_modules/dev', dirs, '/s')).toBe(true);
    expect(isInsideAnyOf('/s/node_modules/devtool/x.js', dirs, '/s')).toBe(false);
  });
});
