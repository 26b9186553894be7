export default { service: 'mjs-service', provider: { name: 'aws', runtime: 'nodejs20.x' } };
