const preset = require('../jest.preset.cjs');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
  // Fake AWS credentials for every test; the local AWS emulator (moto on 127.0.0.1) and cfn-lint,
  // installed into <repo>/.tools/ and started only when a selected test file needs them.
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
};
