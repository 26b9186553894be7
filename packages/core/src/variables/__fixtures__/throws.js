// Exports a function that fails.
module.exports = () => {
  throw new Error('boom from js');
};
