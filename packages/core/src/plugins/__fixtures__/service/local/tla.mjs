// Top-level await: cannot be require()d, must be import()ed.
const name = await Promise.resolve('tla-native');
export default {
  name,
  apply(api) {
    api.hook('package:initialize', () => api.service.options.calls.push(name));
  },
};
