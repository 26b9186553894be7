'use strict';
// A test codec: says in which thread it ran, and shows the result it was given.
const { isMainThread } = require('node:worker_threads');

exports.decodeEvent = (input) => ({ names: ['IS_LOCAL'], compact: input, decodedIn: isMainThread ? 'main' : 'worker' });
exports.encodeResult = (result) => ({ encodedIn: isMainThread ? 'main' : 'worker', result });
