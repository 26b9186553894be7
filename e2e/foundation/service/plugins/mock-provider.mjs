// A native Stratus plugin written as an ES module: registers a provider and taps package events.
export default {
  name: 'mock-provider',
  apply(api) {
    api.registerProvider('mock', { name: 'mock' });
    api.schema.defineProvider('mock', {
      provider: { properties: { stage: { type: 'string' }, environment: { type: 'object' } } },
      function: { properties: { handler: { type: 'string' } } },
    });
    for (const id of ['package:initialize', 'package:compileFunctions', 'after:package:finalize']) {
      api.hook(id, () => api.log.writeText(`native ${id}`));
    }
  },
};
