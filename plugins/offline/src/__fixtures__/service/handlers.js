'use strict';
// Handlers for the offline plugin's tests.
// `calls`: this instance's count (module state lives as long as the instance).
let echoCalls = 0;
exports.echo = async (event) => ({ statusCode: 200, body: JSON.stringify({ event, calls: ++echoCalls, isOffline: process.env.IS_OFFLINE, reloadedEnv: process.env.ADDED_BY_RELOAD, hostVariable: process.env.STRATUS_OFFLINE_HOST_VARIABLE }) });

exports.hello = async () => ({ statusCode: 200, body: JSON.stringify({ message: 'hello' }) });

exports.custom = async () => ({
  statusCode: 201,
  headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' },
  multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
  body: 'created',
});

exports.binary = async () => ({ statusCode: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true });

exports.throws = async () => {
  throw new Error('boom');
};

exports.objectBody = async () => ({ statusCode: 200, body: { not: 'a string' } });
exports.badHeader = async () => ({ statusCode: 200, headers: { 'x-two-lines': 'a\nb' }, body: 'unsent' });

exports.slow = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return { statusCode: 200, body: 'late' };
};

exports.callback = (event, context, callback) => callback(null, { statusCode: 202, body: 'via callback' });

exports.tokenAuthorizer = async (event) => {
  const token = event.authorizationToken;
  if (token === 'allow') {
    return {
      principalId: 'user-1',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
      context: { role: 'admin', level: 3 },
    };
  }
  if (token === 'deny') {
    return { principalId: 'user-2', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: '*' }] } };
  }
  throw new Error('Unauthorized');
};

exports.requestAuthorizer = async (event) => {
  const tenant = event.queryStringParameters && event.queryStringParameters.tenant;
  if (tenant === 'acme' && event.type === 'REQUEST' && event.headers) {
    return {
      principalId: `tenant-${tenant}`,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:*' }] },
      context: { tenant, path: event.path },
    };
  }
  if (tenant === 'evil') {
    return { principalId: 'x', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: event.methodArn }] } };
  }
  throw new Error('Unauthorized');
};

exports.loadedModules = async () => ({ statusCode: 200, body: JSON.stringify(Object.keys(require.cache)) });
