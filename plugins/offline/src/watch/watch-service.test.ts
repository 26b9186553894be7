import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isIgnored, watchService } from './index';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, ms = 3000): Promise<void> {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for the watcher');
    await sleep(20);
  }
}

describe('watchService', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stratus-watch-'));
    fs.mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.serverless'));
    fs.writeFileSync(path.join(dir, 'serverless.yml'), 'service: a\n');
    fs.writeFileSync(path.join(dir, 'src', 'handler.js'), 'exports.h = 1;\n');
    fs.writeFileSync(path.join(dir, 'src', 'lib', 'util.js'), 'exports.u = 1;\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports handler edits (nested too) in one debounced batch, and ignores ignored folders', async () => {
    const batches: string[][] = [];
    let configChanges = 0;
    const watcher = watchService({ serviceDir: dir, ignore: ['node_modules', '.serverless', '.git'], onHandlersChanged: (files) => batches.push(files), onConfigChanged: () => (configChanges += 1), debounceMs: 80 });
    await sleep(50);
    fs.writeFileSync(path.join(dir, 'src', 'handler.js'), 'exports.h = 2;\n');
    fs.writeFileSync(path.join(dir, 'src', 'lib', 'util.js'), 'exports.u = 2;\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'index.js'), 'x');
    fs.writeFileSync(path.join(dir, '.serverless', 'state.json'), '{}');
    await until(() => batches.length > 0);
    await sleep(200);
    expect(batches).toEqual([[path.join(dir, 'src', 'handler.js'), path.join(dir, 'src', 'lib', 'util.js')]]);
    expect(configChanges).toBe(0);
    await watcher.close();
  });

  it('reports a configuration change separately', async () => {
    const batches: string[][] = [];
    let configChanges = 0;
    const watcher = watchService({ serviceDir: dir, ignore: ['node_modules'], onHandlersChanged: (files) => batches.push(files), onConfigChanged: () => (configChanges += 1) });
    await sleep(50);
    fs.writeFileSync(path.join(dir, 'serverless.yml'), 'service: b\n');
    await until(() => configChanges > 0);
    await sleep(200);
    expect(configChanges).toBe(1);
    expect(batches).toEqual([]);
    await watcher.close();
    fs.writeFileSync(path.join(dir, 'src', 'handler.js'), 'exports.h = 3;\n');
    await sleep(200);
    expect(batches).toEqual([]);
  });

  it('matches ignore entries by segment or leading path', () => {
    expect(isIgnored('node_modules/x/y.js', ['node_modules'])).toBe(true);
    expect(isIgnored('packages/a/node_modules/y.js', ['node_modules'])).toBe(true);
    expect(isIgnored('build/out.js', ['./build/'])).toBe(true);
    expect(isIgnored('src/build/out.js', ['./build/'])).toBe(false);
    expect(isIgnored('src/handler.js.swp', [])).toBe(true);
    expect(isIgnored('offline.log', [])).toBe(true);
    expect(isIgnored('logs/handler.js', [])).toBe(false);
    expect(isIgnored('src/handler.js', ['node_modules'])).toBe(false);
  });
});
