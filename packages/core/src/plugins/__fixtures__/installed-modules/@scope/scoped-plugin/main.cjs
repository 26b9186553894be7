'use strict';
module.exports = {
  name: 'scoped-native',
  apply(api) {
    api.hook('package:initialize', () => api.service.options.calls.push('scoped-native'));
  },
};
