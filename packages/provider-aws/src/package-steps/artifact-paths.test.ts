import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Base64, type Artifact } from '../packaging';
import { compiledArtifact, recordArtifactPaths } from './artifact-paths';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function serviceDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratus-artifact-paths-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const artifact = (file: string, content = file): Artifact => ({ path: file, sha256: sha256Base64(Buffer.from(content)), size: content.length });

describe('recordArtifactPaths: what v3 leaves in the configuration after zipping', () => {
  test('the service zip becomes package.artifact; functions in it get a package object but no artifact of their own', () => {
    const shared = artifact('/svc/.serverless/svc.zip');
    const configuration: Record<string, unknown> = { functions: { a: { handler: 'a.h' }, b: { handler: 'b.h', package: { patterns: ['x'] } } } };
    recordArtifactPaths(configuration, { functionArtifacts: new Map([['a', shared], ['b', shared]]), serviceArtifact: shared, layerArtifacts: new Map() });
    expect(configuration).toEqual({
      package: { artifact: '/svc/.serverless/svc.zip' },
      functions: { a: { handler: 'a.h', package: {} }, b: { handler: 'b.h', package: { patterns: ['x'] } } },
    });
  });

  test('own zips and layer zips become their package.artifact; a given service artifact is left as written', () => {
    const given = artifact('/svc/build/app.zip');
    const configuration: Record<string, unknown> = {
      package: { artifact: 'build/app.zip' },
      functions: { a: { handler: 'a.h' }, own: { handler: 'o.h', package: { individually: true } }, image: { image: 'uri' } },
      layers: { deps: { path: 'layer' } },
    };
    recordArtifactPaths(configuration, {
      functionArtifacts: new Map([['a', given], ['own', artifact('/svc/.serverless/own.zip')]]),
      serviceArtifact: given,
      layerArtifacts: new Map([['deps', artifact('/svc/.serverless/deps.zip')]]),
    });
    expect(configuration).toEqual({
      package: { artifact: 'build/app.zip' },
      functions: { a: { handler: 'a.h', package: {} }, own: { handler: 'o.h', package: { individually: true, artifact: '/svc/.serverless/own.zip' } }, image: { image: 'uri' } },
      layers: { deps: { path: 'layer', package: { artifact: '/svc/.serverless/deps.zip' } } },
    });
  });
});

describe('compiledArtifact: the artifact compilation reads back', () => {
  test('unchanged paths keep what packaging measured', () => {
    const dir = serviceDir();
    const packaged = artifact(path.join(dir, '.serverless/svc.zip'));
    const configuration = { package: { artifact: packaged.path }, functions: { a: { handler: 'a.h', package: {} } } };
    expect(compiledArtifact(configuration, dir, 'a', packaged, new Map())).toBe(packaged);
  });

  test('an artifact a plugin moved (relative to the service folder) is hashed again, once for every function that shares it', () => {
    const dir = serviceDir({ '.serverless/svc.zip': 'moved zip bytes' });
    const packaged = artifact(path.join(dir, '.esbuild/.serverless/svc.zip'), 'moved zip bytes');
    const configuration = { package: { artifact: '.serverless/svc.zip' }, functions: { a: { handler: 'a.h' }, b: { handler: 'b.h' } } };
    const cache = new Map<string, Artifact>();
    const first = compiledArtifact(configuration, dir, 'a', packaged, cache);
    expect(first).toEqual({ path: path.join(dir, '.serverless/svc.zip'), sha256: sha256Base64(Buffer.from('moved zip bytes')), size: 15 });
    expect(compiledArtifact(configuration, dir, 'b', packaged, cache)).toBe(first);
  });

  test("a function's own artifact wins over the service's; a function packaged individually ignores the service's", () => {
    const dir = serviceDir({ 'fn.zip': 'fn', 'svc.zip': 'svc' });
    const configuration = { package: { artifact: 'svc.zip' }, functions: { a: { package: { artifact: 'fn.zip' } }, own: { package: { individually: true } } } };
    expect(compiledArtifact(configuration, dir, 'a', artifact('/elsewhere/a.zip'), new Map())?.path).toBe(path.join(dir, 'fn.zip'));
    const own = artifact(path.join(dir, '.serverless/own.zip'));
    expect(compiledArtifact(configuration, dir, 'own', own, new Map())).toBe(own);
  });

  test('an artifact that no longer exists is INVALID_PACKAGE_ARTIFACT_PATH naming the key', () => {
    const dir = serviceDir();
    const configuration = { functions: { a: { package: { artifact: 'gone.zip' } } } };
    expect(() => compiledArtifact(configuration, dir, 'a', artifact('/other.zip'), new Map())).toThrow(
      expect.objectContaining({ code: 'INVALID_PACKAGE_ARTIFACT_PATH', message: expect.stringContaining('functions.a.package.artifact') }),
    );
  });
});
