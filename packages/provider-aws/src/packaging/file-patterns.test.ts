import { DEFAULT_EXCLUDES, describeRules, FileSelector, orderRules } from './file-patterns';

const select = (excludes: string[], includes: string[], paths: string[]): string[] => {
  const selector = new FileSelector(orderRules(excludes, includes));
  return paths.filter((path) => selector.isSelected(path));
};

describe('orderRules', () => {
  test('excludes come first and are negated (a legacy "!x" exclude re-includes), includes follow as written', () => {
    expect(describeRules(orderRules(['a/**', '!a/keep.js'], ['b.js', '!c/**', './d/**']))).toEqual(['!a/**', 'a/keep.js', 'b.js', '!c/**', 'd/**']);
  });
});

describe('FileSelector.isSelected', () => {
  const paths = ['handler.js', 'src/a.js', 'src/keep/b.js', 'src/keep/secret.txt', '.git/HEAD', '.gitignore', '.env', 'sub/.DS_Store', 'yarn-error.log'];

  test('default excludes leave out git, OS and log files, dotfiles stay eligible', () => {
    expect(select([...DEFAULT_EXCLUDES], [], paths)).toEqual(['handler.js', 'src/a.js', 'src/keep/b.js', 'src/keep/secret.txt', '.env', 'sub/.DS_Store']);
  });

  test('patterns apply in order and the last match wins', () => {
    expect(select([], ['!src/**', 'src/keep/**', '!src/keep/secret.txt'], paths)).toEqual(['handler.js', 'src/keep/b.js', '.git/HEAD', '.gitignore', '.env', 'sub/.DS_Store', 'yarn-error.log']);
    // The same patterns the other way round: the broad exclusion comes last and wins.
    expect(select([], ['src/keep/**', '!src/**'], paths)).not.toContain('src/keep/b.js');
  });

  test('an include pattern can bring back a default exclusion', () => {
    expect(select([...DEFAULT_EXCLUDES], ['.gitignore'], paths)).toContain('.gitignore');
  });

  test('`**` matches dotfiles (dot: true)', () => {
    expect(select([], ['!**', '**/*.txt'], ['.hidden/x.txt', 'a.js'])).toEqual(['.hidden/x.txt']);
  });
});

describe('FileSelector.excludesEverythingUnder', () => {
  const defaults = new FileSelector(orderRules([...DEFAULT_EXCLUDES], ['src/**']));

  test('is true for a folder a `dir/**` exclusion covers and no later include reaches', () => {
    expect(defaults.excludesEverythingUnder('.git')).toBe(true);
    expect(defaults.excludesEverythingUnder('.git/objects')).toBe(true);
    expect(defaults.excludesEverythingUnder('.serverless')).toBe(true);
  });

  test('is false when nothing excludes the folder, or a later include may reach into it', () => {
    expect(defaults.excludesEverythingUnder('src')).toBe(false);
    expect(defaults.excludesEverythingUnder('.gitlab')).toBe(false);
    expect(new FileSelector(orderRules([...DEFAULT_EXCLUDES], ['.git/HEAD'])).excludesEverythingUnder('.git')).toBe(false);
    expect(new FileSelector(orderRules([...DEFAULT_EXCLUDES], ['**/*.md'])).excludesEverythingUnder('.git')).toBe(false);
    expect(new FileSelector(orderRules([], ['!node_modules/**', 'node_modules/keep/**'])).excludesEverythingUnder('node_modules')).toBe(false);
    expect(new FileSelector(orderRules([], ['!node_modules/**', 'node_modules/keep/**'])).excludesEverythingUnder('node_modules/other')).toBe(true);
  });

  test('`!**` excludes everything everywhere', () => {
    expect(new FileSelector(orderRules([], ['!**'])).excludesEverythingUnder('anything/below')).toBe(true);
  });
});
