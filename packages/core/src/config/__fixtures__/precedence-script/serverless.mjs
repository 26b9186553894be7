export default { service: 'from-mjs', provider: 'aws' };
