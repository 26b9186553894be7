export default {
  name: 'local-native',
  apply(api) {
    api.hook('package:initialize', () => api.service.options.calls.push('local-native'));
  },
};
