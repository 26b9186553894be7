module.exports = { service: 'from-js', provider: 'aws' };
