// CommonJS, exporting a promise: v3 awaits it.
module.exports = Promise.resolve({ service: 'js-service', provider: 'aws', custom: { when: new Date(0) } });
