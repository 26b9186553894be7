'use strict';
class CjsPlugin {
  constructor(serverless, options, utils) {
    this.received = { serverless, options, utils };
    this.hooks = { 'package:initialize': () => options.calls.push('cjs-plugin') };
  }
}
module.exports = CjsPlugin;
