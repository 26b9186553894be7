const fs = require('node:fs');

exports.echo = async (event, context) => ({ event, clientContext: context.clientContext ?? null, functionName: context.functionName });
exports.text = async () => 'just a string';
exports.nothing = async () => undefined;
exports.fail = async () => {
  throw new TypeError('boom');
};
exports.chatty = async (event) => {
  for (let i = 0; i < event.lines; i += 1) console.log(`line ${i} ${'x'.repeat(60)}`);
  console.log('last line é');
  return 'done';
};
exports.record = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  fs.writeFileSync(event.file, JSON.stringify(event));
  return 'recorded';
};
