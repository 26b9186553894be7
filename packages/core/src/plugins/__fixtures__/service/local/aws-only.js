'use strict';
module.exports = class AwsOnly {
  constructor(serverless, options) {
    options.calls.push('aws-only constructed');
    this.provider = 'aws';
    this.hooks = { 'package:initialize': () => options.calls.push('aws-only hook') };
  }
};
