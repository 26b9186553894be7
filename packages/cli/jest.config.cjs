// These tests run whole CLI commands in-process (schema compilation on a cold validator cache included).
module.exports = { ...require('../../jest.preset.cjs'), testTimeout: 30000 };
