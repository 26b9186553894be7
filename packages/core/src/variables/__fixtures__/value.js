// Exports a plain value, with one function-valued and one async property.
module.exports = {
  plain: 'from-js',
  compute: ({ options }) => `computed-${options.stage ?? 'none'}`,
  later: async () => ({ inner: 'awaited' }),
};
