'use strict';
// Exercises the v3 facade from a plugin's point of view.
module.exports = class V3Full {
  constructor(serverless, options, { log, writeText, progress }) {
    this.serverless = serverless;
    serverless.configSchemaHandler.defineFunctionProperties('mock', { properties: { warm: { type: 'boolean' } } });
    serverless.configSchemaHandler.defineTopLevelProperty('stepFunctions', { type: 'object' });
    serverless.extendConfiguration(['custom', 'added'], { by: 'v3-full' });
    this.commands = {
      'v3-cmd': { usage: 'From v3', lifecycleEvents: ['go'], options: { count: { type: 'string', shortcut: 'n' } } },
      package: { options: { 'skip-build': { type: 'boolean', usage: 'added to a built-in' } } },
    };
    this.hooks = {
      'v3-cmd:go': async () => {
        options.calls.push(`v3-cmd count=${options.count}`);
        await serverless.pluginManager.spawn('package');
      },
      'after:package:initialize': () => {
        const service = serverless.service;
        service.functions.extra = { handler: 'extra.handler', events: [] };
        options.calls.push(`functions=${service.getAllFunctions().join(',')}`);
        options.calls.push(`servicePath=${serverless.config.servicePath === serverless.serviceDir}`);
        options.calls.push(`provider=${serverless.getProvider('mock') !== false}/${serverless.getProvider('nope')}`);
        writeText('written');
        log.verbose('verbose');
        progress.create({ message: 'working', name: 'p' }).remove();
      },
    };
    this.configurationVariablesSources = { v3src: { resolve: ({ address }) => ({ value: `v3:${address}` }) } };
  }
  asyncInit() {
    this.serverless.pluginManager.cliOptions.calls.push('asyncInit');
  }
};
