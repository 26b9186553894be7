'use strict';
// Handlers for the lambda (non-proxy) integration tests.
exports.echo = async (event) => event;

exports.respond = async () => ({ message: 'hi', items: [1, 2] });

exports.fail = async (event) => {
  const error = new Error(event.body.message);
  error.name = 'CustomError';
  throw error;
};

exports.slow = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return 'late';
};

exports.proxy = async (event) => ({ statusCode: 200, body: JSON.stringify({ received: JSON.parse(event.body) }) });

exports.auth = async (event) => ({
  principalId: 'user-7',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'allow' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
  context: { tier: 'gold' },
});

// Runs on after an `async: true` route has answered: leaves a marker file (its request id) when done.
exports.later = async (event, context) => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  require('node:fs').writeFileSync(event.body.marker, context.awsRequestId);
  return 'not sent to the caller';
};
