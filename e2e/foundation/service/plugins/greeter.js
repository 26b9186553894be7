'use strict';
// A Serverless v3-style plugin (CommonJS class): a command with options, package hooks, a variable source.
class Greeter {
  constructor(serverless, options, { log, writeText }) {
    this.serverless = serverless;
    this.options = options;
    this.writeText = writeText;
    this.log = log;
    serverless.configSchemaHandler.defineCustomProperties({ properties: { motto: { type: 'string' } } });
    this.commands = {
      greet: {
        usage: 'Greets someone',
        lifecycleEvents: ['run'],
        options: {
          name: { usage: 'Who to greet', shortcut: 'n', required: true, type: 'string' },
          shout: { usage: 'Upper-case the greeting', type: 'boolean' },
        },
      },
    };
    this.hooks = {
      'greet:run': () => this.greet(),
      'before:package:compileFunctions': () => this.writeText(`v3 before:package:compileFunctions (${serverless.service.getAllFunctions().join(',')})`),
      'package:compileEvents': () => this.writeText('v3 package:compileEvents'),
      'before:offline:start': () => this.writeText('never: offline is not installed'),
    };
    this.configurationVariablesSources = {
      greeting: { resolve: ({ address }) => ({ value: address === 'motto' ? 'Stay curious' : null }) },
    };
  }

  greet() {
    const { service, provider, custom } = this.serverless.service;
    const text = `Hello ${this.options.name} from ${service} (${provider.stage}), motto: ${custom.motto}`;
    this.writeText(this.options.shout ? text.toUpperCase() : text);
  }
}
module.exports = Greeter;
