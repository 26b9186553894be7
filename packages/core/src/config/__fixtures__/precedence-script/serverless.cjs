module.exports = { service: 'from-cjs', provider: 'aws' };
