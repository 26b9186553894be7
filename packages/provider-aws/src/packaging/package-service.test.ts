import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Base64 } from './artifact';
import { npmLayout, pnpmLayout } from './__fixtures__/node-modules-trees';
import { makeTempDir, readZip, removeTempDirs, runPackaging, writeTree, type TreeEntry } from './__fixtures__/temp-tree';

afterAll(removeTempDirs);

const oneFunction = { functions: { hello: { handler: 'handler.hello' } } };

function service(entries: Record<string, TreeEntry>): string {
  const dir = makeTempDir();
  writeTree(dir, { 'serverless.yml': 'service: svc\n', 'handler.js': 'exports.hello = async () => ({});\n', ...entries });
  return dir;
}

describe('file selection', () => {
  test('default excludes, the config file and the plugins folder are left out; other dotfiles stay', async () => {
    const dir = service({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'node_modules\n',
      '.DS_Store': 'x',
      'npm-debug.log': 'x',
      'yarn-error.log': 'x',
      '.serverless/old.zip': 'x',
      '.serverless_plugins/local.js': 'x',
      'my-plugins/p.js': 'x',
      '.env': 'A=1\n',
      '.eslintrc.json': '{}',
      'lib/util.js': 'x',
    });
    const result = await runPackaging(dir, { ...oneFunction, plugins: { localPath: './my-plugins', modules: ['p'] } });
    expect(readZip(result.serviceArtifact!.path).names).toEqual(['.env', '.eslintrc.json', 'handler.js', 'lib/util.js']);
  });

  test('useDotenv: true also leaves out the root .env* files', async () => {
    const dir = service({ '.env': 'A=1\n', '.env.production': 'B=2\n', 'config/.env': 'C=3\n' });
    const result = await runPackaging(dir, { ...oneFunction, useDotenv: true });
    expect(readZip(result.serviceArtifact!.path).names).toEqual(['config/.env', 'handler.js']);
  });

  test('package.patterns apply in order with ! negation, the last match wins, and can re-include a default exclusion', async () => {
    const dir = service({ 'src/a.js': 'a', 'src/keep/b.js': 'b', 'src/keep/secret.txt': 's', '.gitignore': 'x', 'docs/readme.md': 'd' });
    const result = await runPackaging(dir, { ...oneFunction, package: { patterns: ['!src/**', 'src/keep/**', '!src/keep/secret.txt', '!docs/**', '.gitignore'] } });
    expect(readZip(result.serviceArtifact!.path).names).toEqual(['.gitignore', 'handler.js', 'src/keep/b.js']);
  });

  test('legacy package.exclude / include: excludes first (a "!" exclude re-includes), includes after', async () => {
    const dir = service({ 'tmp/x.txt': 'x', 'tmp/keep.txt': 'k', 'tmp/other.txt': 'o', 'scripts/build.sh': 'b' });
    const result = await runPackaging(dir, { ...oneFunction, package: { exclude: ['tmp/**', '!tmp/keep.txt', 'scripts/**'], include: ['tmp/other.txt'] } });
    expect(readZip(result.serviceArtifact!.path).names).toEqual(['handler.js', 'tmp/keep.txt', 'tmp/other.txt']);
  });

  test('nothing selected is NO_MATCHED_FILES naming the service and the patterns', async () => {
    const dir = service({});
    const failure = runPackaging(dir, { ...oneFunction, package: { patterns: ['!**'] } });
    await expect(failure).rejects.toMatchObject({ code: 'NO_MATCHED_FILES', message: expect.stringContaining('service "svc"'), hint: expect.stringContaining('!**') });
  });

  test('an individually packaged function whose patterns select nothing names the function', async () => {
    const dir = service({});
    const failure = runPackaging(dir, { package: { individually: true }, functions: { hello: { handler: 'handler.hello', package: { patterns: ['!handler.js'] } } } });
    await expect(failure).rejects.toMatchObject({ code: 'NO_MATCHED_FILES', message: expect.stringContaining('function "hello"') });
  });
});

describe('devDependencies', () => {
  test('npm flat layout: dev-only packages and their .bin links are left out; shared and nested prod packages stay', async () => {
    const dir = service(npmLayout());
    const names = readZip((await runPackaging(dir, oneFunction)).serviceArtifact!.path).names;
    const packages = new Set(names.filter((name) => name.endsWith('/package.json')).map((name) => name.slice(0, -'/package.json'.length)));
    expect([...packages].sort()).toEqual(['node_modules/@scope/b', 'node_modules/a', 'node_modules/a/node_modules/x', 'node_modules/extraneous', 'node_modules/peer', 'node_modules/shared']);
    expect(names).toContain('node_modules/.bin/a-cli');
    expect(names.filter((name) => /devtool|devonly|inner|\.bin\/dt/.test(name))).toEqual([]);
    expect(names).toContain('package.json');
  });

  test('pnpm symlinked layout: production packages are kept (as linked and in the store), dev-only ones nowhere', async () => {
    const dir = service(pnpmLayout());
    const zip = readZip((await runPackaging(dir, oneFunction)).serviceArtifact!.path);
    expect(zip.names).toEqual(
      expect.arrayContaining([
        'node_modules/a/index.js',
        'node_modules/.pnpm/a@1.0.0/node_modules/a/index.js',
        'node_modules/.pnpm/a@1.0.0/node_modules/shared/index.js',
        'node_modules/.pnpm/shared@1.0.0/node_modules/shared/index.js',
        'node_modules/.pnpm/node_modules/shared/index.js',
        'node_modules/.pnpm/lock.yaml',
      ]),
    );
    expect(zip.text('node_modules/a/index.js')).toBe("module.exports = 'a';\n");
    expect(zip.names.filter((name) => /devtool|devonly|@types/.test(name))).toEqual([]);
  });

  test('package.excludeDevDependencies: false keeps them', async () => {
    const dir = service(npmLayout());
    const names = readZip((await runPackaging(dir, { ...oneFunction, package: { excludeDevDependencies: false } })).serviceArtifact!.path).names;
    expect(names).toEqual(expect.arrayContaining(['node_modules/devtool/index.js', 'node_modules/devonly/index.js', 'node_modules/.bin/devtool']));
  });

  test('patterns cannot bring a dev dependency back (its exclusion comes last)', async () => {
    const dir = service(npmLayout());
    const names = readZip((await runPackaging(dir, { ...oneFunction, package: { patterns: ['node_modules/devtool/**'] } })).serviceArtifact!.path).names;
    expect(names.filter((name) => name.includes('devtool'))).toEqual([]);
  });
});

describe('what each function deploys', () => {
  const twoFunctions = {
    first: { handler: 'src/first.handler', package: { patterns: ['!src/second.js'] } },
    second: { handler: 'src/second.handler', package: { patterns: ['!src/first.js'] } },
  };

  test('package.individually (service level): one <fnKey>.zip per function with its own patterns, no service zip', async () => {
    const dir = service({ 'src/first.js': '1', 'src/second.js': '2' });
    const result = await runPackaging(dir, { package: { individually: true }, functions: twoFunctions });

    expect(result.serviceArtifact).toBeUndefined();
    expect(result.functionArtifacts.get('first')!.path).toBe(join(dir, '.serverless/first.zip'));
    expect(readZip(result.functionArtifacts.get('first')!.path).names).toEqual(['handler.js', 'src/first.js']);
    expect(readZip(result.functionArtifacts.get('second')!.path).names).toEqual(['handler.js', 'src/second.js']);
    // Each distinct file was compressed once for the two zips.
    expect(result.log.verboseLines).toContain('Packaging: compressed 3 distinct files for 2 zip(s)');
  });

  test('individually packaged functions with the same rules get identical zips at their own paths', async () => {
    const dir = service({ 'src/first.js': '1' });
    const result = await runPackaging(dir, { package: { individually: true }, functions: { one: { handler: 'handler.hello' }, two: { handler: 'handler.hello' } } });
    const [one, two] = [result.functionArtifacts.get('one')!, result.functionArtifacts.get('two')!];
    expect([one.path, two.path]).toEqual([join(dir, '.serverless/one.zip'), join(dir, '.serverless/two.zip')]);
    expect(two.sha256).toBe(one.sha256);
    expect(two.sha256).toBe(sha256Base64(readFileSync(two.path)));
    expect(readZip(two.path).names).toEqual(['handler.js', 'src/first.js']);
  });

  test('function-level individually: that function gets its own zip, the others share <service>.zip (where function patterns are ignored, with a warning)', async () => {
    const dir = service({ 'src/first.js': '1', 'src/second.js': '2' });
    const result = await runPackaging(dir, {
      functions: { first: { ...twoFunctions.first, package: { ...twoFunctions.first.package, individually: true } }, second: twoFunctions.second },
    });

    expect(result.serviceArtifact!.path).toBe(join(dir, '.serverless/svc.zip'));
    expect(result.functionArtifacts.get('second')).toEqual(result.serviceArtifact);
    expect(readZip(result.serviceArtifact!.path).names).toEqual(['handler.js', 'src/first.js', 'src/second.js']);
    expect(readZip(result.functionArtifacts.get('first')!.path).names).toEqual(['handler.js', 'src/first.js']);
    expect(result.log.warnings.some((warning) => warning.includes('functions.second.package'))).toBe(true);
  });

  test('function-level patterns outside individual packaging: one warning naming every such function', async () => {
    const dir = service({ 'src/first.js': '1', 'src/second.js': '2' });
    const result = await runPackaging(dir, { functions: twoFunctions });
    expect(result.log.warnings).toEqual([
      'Package patterns at function level are only applied when package.individually is true (for the service or the function); those of functions.first.package, functions.second.package are ignored.',
    ]);
  });

  test('service-level individually with a service package.artifact: functions not individually themselves deploy that artifact', async () => {
    const dir = service({ 'build/app.zip': 'prebuilt service zip' });
    const result = await runPackaging(dir, {
      package: { individually: true, artifact: 'build/app.zip' },
      functions: { hello: { handler: 'handler.hello' }, own: { handler: 'handler.hello', package: { individually: true } } },
    });
    expect(result.functionArtifacts.get('hello')!.path).toBe(join(dir, 'build/app.zip'));
    expect(result.functionArtifacts.get('own')!.path).toBe(join(dir, '.serverless/own.zip'));
  });

  test('package.artifact (service and function) is used as is, hashed from its bytes', async () => {
    const dir = service({ 'build/app.zip': 'prebuilt service zip', 'build/special.zip': 'prebuilt function zip' });
    const result = await runPackaging(dir, {
      package: { artifact: 'build/app.zip' },
      functions: { hello: { handler: 'handler.hello' }, special: { handler: 'handler.x', package: { artifact: 'build/special.zip' } } },
    });
    expect(result.serviceArtifact).toEqual({ path: join(dir, 'build/app.zip'), sha256: sha256Base64(Buffer.from('prebuilt service zip')), size: 20 });
    expect(result.functionArtifacts.get('hello')).toEqual(result.serviceArtifact);
    expect(result.functionArtifacts.get('special')!.path).toBe(join(dir, 'build/special.zip'));
  });

  test('a missing package.artifact is INVALID_PACKAGE_ARTIFACT_PATH naming the key and path; S3 artifacts are refused clearly', async () => {
    const dir = service({});
    await expect(runPackaging(dir, { functions: { hello: { handler: 'handler.hello', package: { artifact: 'nope.zip' } } } })).rejects.toMatchObject({
      code: 'INVALID_PACKAGE_ARTIFACT_PATH',
      message: expect.stringMatching(/functions\.hello\.package\.artifact.*nope\.zip/),
    });
    await expect(runPackaging(dir, { ...oneFunction, package: { artifact: 's3://bucket/app.zip' } })).rejects.toMatchObject({ code: 'PACKAGE_S3_ARTIFACT_UNSUPPORTED' });
  });

  test('package.disable and image functions are not packaged', async () => {
    const dir = service({});
    const result = await runPackaging(dir, {
      functions: { hello: { handler: 'handler.hello' }, off: { handler: 'handler.hello', package: { disable: true } }, container: { image: '123.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc' } },
    });
    expect([...result.functionArtifacts.keys()]).toEqual(['hello']);
  });

  test('onlyFunction packages just that function; an unknown one is an error', async () => {
    const dir = service({ 'src/first.js': '1', 'src/second.js': '2', 'layer/x.txt': 'x' });
    const result = await runPackaging(dir, { package: { individually: true }, functions: twoFunctions, layers: { base: { path: 'layer' } } }, { onlyFunction: 'second' });
    expect([...result.functionArtifacts.keys()]).toEqual(['second']);
    expect(result.layerArtifacts.size).toBe(0);
    await expect(runPackaging(dir, { functions: twoFunctions }, { onlyFunction: 'third' })).rejects.toMatchObject({ code: 'PACKAGE_FUNCTION_NOT_FOUND' });
  });
});

describe('layers', () => {
  test('a layer path is zipped with the prefix stripped, and left out of the service zip; a layer artifact is used as is', async () => {
    const dir = service({ 'layers/deps/nodejs/node_modules/lib/index.js': 'lib', 'layers/deps/.git/x': 'x', 'layers/prebuilt.zip': 'zip bytes' });
    const result = await runPackaging(dir, { ...oneFunction, layers: { deps: { path: 'layers/deps' }, other: { package: { artifact: 'layers/prebuilt.zip' } } } });

    expect(readZip(result.layerArtifacts.get('deps')!.path).names).toEqual(['nodejs/node_modules/lib/index.js']);
    expect(result.layerArtifacts.get('deps')!.path).toBe(join(dir, '.serverless/deps.zip'));
    expect(result.layerArtifacts.get('other')!.path).toBe(join(dir, 'layers/prebuilt.zip'));
    expect(readZip(result.serviceArtifact!.path).names).toEqual(['handler.js', 'layers/prebuilt.zip']);
  });
});

describe('files on disk', () => {
  test('symlinks inside the service are followed; one that leads outside is refused with a warning', async () => {
    const outside = makeTempDir();
    writeTree(outside, { 'secret.txt': 'do not ship', 'dir/a.txt': 'a' });
    const dir = service({
      'shared/common.js': 'common',
      'lib/common-link.js': { symlink: '../shared/common.js' },
      'lib/shared-dir': { symlink: '../shared' },
      'leak.txt': { symlink: join(outside, 'secret.txt') },
      'leak-dir': { symlink: join(outside, 'dir') },
      'loop': { symlink: '.' },
    });
    const result = await runPackaging(dir, oneFunction);
    const zip = readZip(result.serviceArtifact!.path);

    expect(zip.names).toEqual(['handler.js', 'lib/common-link.js', 'lib/shared-dir/common.js', 'shared/common.js']);
    expect(zip.text('lib/common-link.js')).toBe('common');
    expect(result.log.warnings).toEqual([
      `Packaging skipped 2 symbolic links that lead outside the service directory (files outside it are never packaged): "leak-dir" → ${join(outside, 'dir')}, "leak.txt" → ${join(outside, 'secret.txt')}`,
    ]);
  });

  test('a build folder inside the service (a plugin repointed the service folder) may link back into the service with containmentRoot', async () => {
    const dir = service({ 'package.json': '{"name":"svc"}', 'src/a.ts': 'ts', '.build/src/a.js': 'js', '.build/package.json': { symlink: '../package.json' } });
    const buildDir = join(dir, '.build');
    const inBuild = (overrides: Parameters<typeof runPackaging>[2]) => runPackaging(buildDir, { functions: { hello: { handler: 'src/a.handler' } } }, { outputDir: join(buildDir, '.serverless'), ...overrides });

    const contained = await inBuild({ containmentRoot: dir });
    expect(contained.serviceArtifact!.path).toBe(join(buildDir, '.serverless/svc.zip'));
    expect(readZip(contained.serviceArtifact!.path).names).toEqual(['package.json', 'src/a.js']);
    expect(contained.log.warnings).toEqual([]);

    const alone = await inBuild({});
    expect(readZip(alone.serviceArtifact!.path).names).toEqual(['src/a.js']);
    expect(alone.log.warnings).toEqual([expect.stringContaining('"package.json" →')]);
  });

  test('the owner-exec bit becomes 0o755, everything else 0o644', async () => {
    const dir = service({ 'bin/tool': { content: '#!/bin/sh\n', mode: 0o700 }, 'data.json': { content: '{}', mode: 0o600 } });
    const zip = readZip((await runPackaging(dir, oneFunction)).serviceArtifact!.path);
    expect(zip.mode('bin/tool')).toBe(0o755);
    expect(zip.mode('data.json')).toBe(0o644);
    expect(zip.mode('handler.js')).toBe(0o644);
  });

  test('deterministic: two runs (mtimes changed in between) give the same bytes, entries sorted, timestamps fixed', async () => {
    const dir = service({ 'src/b.js': 'b', 'src/a.js': 'a', 'Z.txt': 'z', ...npmLayout() });
    const first = await runPackaging(dir, oneFunction, { outputDir: makeTempDir() });
    utimesSync(join(dir, 'src/a.js'), new Date('2001-02-03'), new Date('2001-02-03'));
    writeFileSync(join(dir, 'src/b.js'), 'b');
    const second = await runPackaging(dir, oneFunction, { outputDir: makeTempDir() });

    expect(second.serviceArtifact!.sha256).toBe(first.serviceArtifact!.sha256);
    expect(readFileSync(second.serviceArtifact!.path).equals(readFileSync(first.serviceArtifact!.path))).toBe(true);
    expect(first.serviceArtifact!.sha256).toBe(sha256Base64(readFileSync(first.serviceArtifact!.path)));
    const zip = readZip(first.serviceArtifact!.path);
    expect(zip.names).toEqual([...zip.names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(zip.entries.map((entry) => entry.header.time.getTime())).size).toBe(1);
  });

  test('the output folder is never packaged, even when it is not .serverless', async () => {
    const dir = service({});
    writeTree(dir, { 'dist/stale.zip': 'old' });
    const result = await runPackaging(dir, oneFunction, { outputDir: join(dir, 'dist') });
    expect(readZip(result.serviceArtifact!.path).names).toEqual(['handler.js']);
  });
});

describe('handler checks', () => {
  test('a missing Node handler file is a warning naming the function and the paths looked for', async () => {
    const dir = service({});
    const result = await runPackaging(dir, { functions: { hello: { handler: 'handler.hello' }, broken: { handler: 'src/missing.main' } } });
    expect(result.log.warnings).toEqual([expect.stringMatching(/"broken".*src\/missing\.js, src\/missing\.mjs, src\/missing\.cjs, src\/missing\.ts/)]);
  });

  test('Python handlers are packaged and checked as .py files', async () => {
    const dir = service({ 'app/main.py': 'def handler(e, c): return {}\n', 'app/excluded.py': 'x' });
    const result = await runPackaging(dir, {
      provider: { name: 'aws', runtime: 'python3.12' },
      package: { patterns: ['!app/excluded.py'] },
      functions: { ok: { handler: 'app/main.handler' }, gone: { handler: 'app/nope.handler' }, left: { handler: 'app/excluded.handler' } },
    });
    expect(readZip(result.serviceArtifact!.path).names).toContain('app/main.py');
    expect(result.log.warnings).toEqual([expect.stringMatching(/"gone".*app\/nope\.py/), expect.stringMatching(/"left".*"app\/excluded\.py" exists but is not in the package/)]);
  });
});
