const preset = require('../jest.preset.cjs');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
};
