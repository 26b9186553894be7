// Exports an async function that reads other configuration through the resolver.
module.exports = async ({ resolveConfigurationProperty, resolveVariable }) => {
  const base = await resolveConfigurationProperty(['custom', 'base']);
  const stage = await resolveVariable('sls:stage');
  return { combined: `${base}-${stage}` };
};
