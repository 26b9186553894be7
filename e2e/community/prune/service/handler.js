'use strict';

// The e2e test rewrites BUILD before each deploy, so every deploy ships new code (a new version).
const BUILD = 'initial';

exports.hello = async () => ({ message: 'hello', build: BUILD });
exports.goodbye = async () => ({ message: 'goodbye', build: BUILD });
