// node_modules layouts for devDependency tests. In both, the production dependency `a` needs
// `shared`, which the development dependency `devtool` needs too: `shared` must stay.
import { packageFiles, type TreeEntry } from './temp-tree';

/** npm / yarn classic: flat, with one nested node_modules holding another version of `x`. */
export function npmLayout(): Record<string, TreeEntry> {
  return {
    'package.json': JSON.stringify({
      name: 'svc',
      dependencies: { a: '^1', '@scope/b': '^1' },
      optionalDependencies: { 'not-installed': '^1' },
      devDependencies: { devtool: '^1', x: '^2' },
    }),
    ...packageFiles('node_modules/a', 'a', { dependencies: { shared: '^1', x: '^1' }, bin: { 'a-cli': 'cli.js' } }),
    'node_modules/a/cli.js': '#!/usr/bin/env node\n',
    ...packageFiles('node_modules/a/node_modules/x', 'x', { version: '1.0.0' }),
    ...packageFiles('node_modules/@scope/b', '@scope/b', { peerDependencies: { peer: '*' } }),
    ...packageFiles('node_modules/peer', 'peer'),
    ...packageFiles('node_modules/shared', 'shared'),
    ...packageFiles('node_modules/x', 'x', { version: '2.0.0' }),
    ...packageFiles('node_modules/devtool', 'devtool', { dependencies: { shared: '^1', devonly: '^1', inner: '^1' }, bin: { devtool: 'cli.js', dt: 'cli.js' } }),
    'node_modules/devtool/cli.js': '#!/usr/bin/env node\n',
    ...packageFiles('node_modules/devtool/node_modules/inner', 'inner'),
    ...packageFiles('node_modules/devonly', 'devonly'),
    ...packageFiles('node_modules/extraneous', 'extraneous'),
    'node_modules/.bin/devtool': { symlink: '../devtool/cli.js' },
    'node_modules/.bin/dt': { symlink: '../devtool/cli.js' },
    'node_modules/.bin/a-cli': { symlink: '../a/cli.js' },
  };
}

/** pnpm's isolated layout: top-level symlinks into the `.pnpm` store, dependencies as sibling links. */
export function pnpmLayout(): Record<string, TreeEntry> {
  const store = 'node_modules/.pnpm';
  return {
    'package.json': JSON.stringify({ name: 'svc', dependencies: { a: '^1' }, devDependencies: { devtool: '^1', '@types/thing': '^1' } }),
    'node_modules/a': { symlink: '.pnpm/a@1.0.0/node_modules/a' },
    'node_modules/devtool': { symlink: '.pnpm/devtool@1.0.0/node_modules/devtool' },
    'node_modules/@types/thing': { symlink: '../.pnpm/@types+thing@1.0.0/node_modules/@types/thing' },
    'node_modules/.bin/devtool': '#!/bin/sh\nexec node "$basedir/../devtool/cli.js" "$@"\n',
    // pnpm also writes shims for commands of packages that are not direct dependencies
    'node_modules/.bin/devonly-cli': '#!/bin/sh\nexec node "$basedir/../.pnpm/devonly@1.0.0/node_modules/devonly/cli.js" "$@"\n',
    'node_modules/.modules.yaml': 'layoutVersion: 5\n',
    [`${store}/lock.yaml`]: 'lockfileVersion: 9.0\n',
    ...packageFiles(`${store}/a@1.0.0/node_modules/a`, 'a', { dependencies: { shared: '^1' } }),
    [`${store}/a@1.0.0/node_modules/shared`]: { symlink: '../../shared@1.0.0/node_modules/shared' },
    ...packageFiles(`${store}/shared@1.0.0/node_modules/shared`, 'shared'),
    ...packageFiles(`${store}/devtool@1.0.0/node_modules/devtool`, 'devtool', { dependencies: { shared: '^1', devonly: '^1' }, bin: 'cli.js' }),
    [`${store}/devtool@1.0.0/node_modules/devtool/cli.js`]: '#!/usr/bin/env node\n',
    [`${store}/devtool@1.0.0/node_modules/shared`]: { symlink: '../../shared@1.0.0/node_modules/shared' },
    [`${store}/devtool@1.0.0/node_modules/devonly`]: { symlink: '../../devonly@1.0.0/node_modules/devonly' },
    ...packageFiles(`${store}/devonly@1.0.0/node_modules/devonly`, 'devonly', { bin: { 'devonly-cli': 'cli.js' } }),
    ...packageFiles(`${store}/@types+thing@1.0.0/node_modules/@types/thing`, '@types/thing'),
    // pnpm's hidden hoisting folder
    [`${store}/node_modules/shared`]: { symlink: '../shared@1.0.0/node_modules/shared' },
    [`${store}/node_modules/devonly`]: { symlink: '../devonly@1.0.0/node_modules/devonly' },
  };
}
