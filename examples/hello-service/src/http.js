'use strict';

const json = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

module.exports.hello = async (event) => {
  const name = event.pathParameters && event.pathParameters.name;
  return json(200, { message: `${process.env.GREETING}, ${name || 'world'}` });
};
