export default class EsmPlugin {
  constructor(serverless, options) {
    this.hooks = { 'package:initialize': () => options.calls.push('esm-plugin') };
  }
}
