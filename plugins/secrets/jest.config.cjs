module.exports = {
  ...require('../../jest.preset.cjs'),
  // Compiles dist/ once before any test file runs: multi-process tests and the CLI load it.
  globalSetup: '<rootDir>/jest.global-setup.cjs',
};
