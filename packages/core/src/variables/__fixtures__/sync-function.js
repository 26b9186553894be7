// Exports a function: the address is looked up on its return value.
module.exports = ({ options }) => ({ stage: options.stage ?? 'no-stage', region: 'eu-west-1' });
