'use strict';
// A handler with templates beside it: vm-handlers.req.vm and vm-handlers.res.vm.
exports.echo = async (event) => event;
