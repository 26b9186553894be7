import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { stratusCacheDir } from './cache-dir';

test('STRATUS_CACHE_DIR first, then $XDG_CACHE_HOME/stratus, then ~/.cache/stratus', () => {
  expect(stratusCacheDir({ STRATUS_CACHE_DIR: '/c/s', XDG_CACHE_HOME: '/x' })).toBe(resolve('/c/s'));
  expect(stratusCacheDir({ STRATUS_CACHE_DIR: 'rel' })).toBe(resolve('rel'));
  expect(stratusCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'stratus'));
  expect(stratusCacheDir({ XDG_CACHE_HOME: 'relative' })).toBe(join(homedir(), '.cache', 'stratus'));
  expect(stratusCacheDir({})).toBe(join(homedir(), '.cache', 'stratus'));
});
