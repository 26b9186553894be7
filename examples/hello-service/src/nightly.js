'use strict';

module.exports.run = async () => ({ ranAt: new Date().toISOString() });
