'use strict';

// Answers with what serverless-offline handed it, so the test can check the event and environment.
exports.hello = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    greeting: `hello ${event.pathParameters.name}`,
    query: event.queryStringParameters,
    path: event.path,
    functionName: context.functionName,
    isOffline: process.env.IS_OFFLINE,
    stage: process.env.SERVICE_STAGE,
  }),
});
