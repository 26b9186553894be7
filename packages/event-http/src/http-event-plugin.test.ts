import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PluginApi } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import httpEventPluginDefault, { httpEventPlugin } from './index';
import { httpEventSchema } from './schema';
import { runStratus } from './__fixtures__/run-stratus';

describe('httpEventPlugin', () => {
  test('apply registers the http event schema for aws and taps compileEvents for http, nothing else', () => {
    const defined: unknown[][] = [];
    const service = {};
    const api = { service, schema: { defineFunctionEvent: (...args: unknown[]) => defined.push(args) } } as unknown as PluginApi;
    httpEventPlugin.apply(api);
    expect(httpEventPluginDefault).toBe(httpEventPlugin);
    expect(httpEventPlugin.name).toBe('@stratus/event-http');
    expect(defined).toEqual([['aws', 'http', httpEventSchema]]);
    const hooks = getAwsProviderHooks(service);
    expect(hooks.eventTypeOrder).toEqual(['http']);
    expect(hooks.compileEvents.get('http')?.taps.map((tap) => tap.name)).toEqual(['@stratus/event-http']);
  });
});

describe('stratus package with http events', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stratus-http-package-'));
    writeFileSync(path.join(dir, 'handler.js'), 'exports.main = async () => ({ statusCode: 200 });\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (events: string, extra = '') =>
    writeFileSync(path.join(dir, 'serverless.yml'), `service: svc\n${extra}provider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  hello:\n    handler: handler.main\n    events:\n${events}`);

  test('compiles the API into the packaged template', async () => {
    write('      - http: GET /hello\n');
    const run = await runStratus(['package'], dir);
    expect(run.code).toBe(0);
    const template = JSON.parse(readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'));
    expect(Object.keys(template.Resources).filter((id) => id.startsWith('ApiGateway') || id.endsWith('PermissionApiGateway'))).toEqual([
      'ApiGatewayRestApi',
      'ApiGatewayResourceHello',
      'ApiGatewayMethodHelloGet',
      expect.stringMatching(/^ApiGatewayDeployment\d{13}$/),
      'HelloLambdaPermissionApiGateway',
    ]);
    expect(template.Outputs.ServiceEndpoint.Export).toEqual({ Name: 'sls-svc-dev-ServiceEndpoint' });
  });

  test('a mistake the schema only warns about stops packaging with a coded error naming the event', async () => {
    write('      - http:\n          path: users\n          method: GETT\n');
    const run = await runStratus(['package'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("value 'GETT' does not satisfy pattern");
    expect(run.stderr).toContain('serverless.yml: functions.hello.events[0].http: "GETT" is not an HTTP method. Did you mean "GET"?');
  });

  test('an invalid stage name', async () => {
    write('      - http: GET /hello\n');
    const run = await runStratus(['package', '--stage', 'feature.1'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid stage name "feature.1"');
  });
});
