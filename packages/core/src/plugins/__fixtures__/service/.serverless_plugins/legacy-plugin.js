'use strict';
module.exports = class LegacyPlugin {
  constructor(serverless, options) {
    this.hooks = { 'package:initialize': () => options.calls.push('legacy-plugin') };
  }
};
