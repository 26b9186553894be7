// Tests that start other processes (concurrent `set`s, the built CLI) need the compiled plugin
// and runtime helper; build them once here rather than in each test file (which run in parallel).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const tsc = require.resolve('typescript/bin/tsc');
  for (const dir of [__dirname, path.join(__dirname, '..', '..', 'packages', 'secrets-runtime')]) {
    execFileSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.build.json')], { cwd: dir, stdio: 'inherit' });
  }
};
