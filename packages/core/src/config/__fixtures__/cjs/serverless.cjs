module.exports = { service: 'cjs-service', provider: { name: 'aws' }, custom: { dropped: undefined, kept: 1 } };
