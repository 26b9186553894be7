import type { ServiceInfo } from '@stratus/provider-aws';
import { httpEndpoints } from './service-endpoints';

const info = (outputs: Record<string, string>): ServiceInfo => ({
  service: 'svc',
  stage: 'dev',
  region: 'us-east-1',
  stackName: 'svc-dev',
  outputs,
  endpoints: [],
  functions: [],
  configuration: {
    service: 'svc',
    provider: { name: 'aws', stage: 'dev', region: 'us-east-1' },
    functions: {
      hello: { name: 'svc-dev-hello', handler: 'h.hello', events: [{ http: 'GET hello' }, { http: { path: '/', method: 'any' } }, { schedule: 'rate(1 day)' }] },
      user: { name: 'svc-dev-user', handler: 'h.user', events: [{ http: { path: 'users/{id}', method: 'post' } }] },
    },
  },
});

test('one line per http event, root path without a trailing slash', () => {
  expect(httpEndpoints(info({ ServiceEndpoint: 'https://abc.execute-api.us-east-1.amazonaws.com/dev' }))).toEqual([
    'GET - https://abc.execute-api.us-east-1.amazonaws.com/dev/hello',
    'ANY - https://abc.execute-api.us-east-1.amazonaws.com/dev',
    'POST - https://abc.execute-api.us-east-1.amazonaws.com/dev/users/{id}',
  ]);
});

test('no endpoint output, no lines', () => {
  expect(httpEndpoints(info({}))).toEqual([]);
});
