export default { service: 'from-ts', provider: 'aws' };
