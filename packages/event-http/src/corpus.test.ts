import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CfnTemplate } from '@stratus/provider-aws';
import { compileHttpEvents } from './aws/compile-http-events';
import { compileContext, httpCorpusCases, resolvedConfiguration } from './__fixtures__/corpus';
import { copyService, runStratus } from './__fixtures__/run-stratus';
import { stubEventPlugins } from './__fixtures__/stub-event-plugins';
import { diffHttpParts, httpPart, maskDeploymentIds } from './__fixtures__/template-diff';

/**
 * Corpus conformance: for every real service with http events, what this package generates —
 * every `AWS::ApiGateway::*` resource (except those the service declares itself under
 * `resources:`), the `…LambdaPermissionApiGateway` permissions and the `ServiceEndpoint` output —
 * must equal what Serverless v3.40 compiled, once `ApiGatewayDeployment<millis>` is masked.
 */
const cases = httpCorpusCases();

test('the corpus is there, with its 17 services that have http events', () => {
  expect(cases.length).toBeGreaterThanOrEqual(17);
});

describe('corpus: compiling the resolved configuration', () => {
  test.each(cases.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const { config, warnings } = await resolvedConfiguration(item);
    const messages: string[] = [];
    const context = compileContext(config, { stage: item.stage, region: item.region, messages });
    compileHttpEvents(context);

    const expected = httpPart(item.expected, Object.keys(config.resources?.Resources ?? {}));
    const actual = httpPart(context.builder.template);
    expect(Object.keys(expected.resources).length).toBeGreaterThan(0);
    expect(diffHttpParts(actual, expected)).toEqual([]);
    expect(messages).toEqual([]);
    // The only http validation warning v3 printed for these services (express-api-dynamodb's `ANY {proxy+}`) is printed the same.
    const httpWarnings = warnings.split('\n').filter((line) => line.includes('.http'));
    expect(httpWarnings).toEqual(item.name === 'express-api-dynamodb' ? [expect.stringContaining("'functions.app.events.1.http': value 'ANY {proxy+}' does not satisfy pattern")] : []);
  }, 30_000);
});

describe('corpus: `stratus package` with this plugin', () => {
  test.each(cases.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const copy = copyService(item.dir);
    try {
      const run = await runStratus(['package', '--stage', item.stage, '--region', item.region, ...item.options], copy.dir, { env: item.env, plugins: [stubEventPlugins] });
      expect(run.stderr).not.toContain('Error');
      expect(run.code).toBe(0);
      const template = JSON.parse(readFileSync(path.join(copy.dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate;
      const userResources = Object.keys((await resolvedConfiguration(item)).config.resources?.Resources ?? {});
      expect(diffHttpParts(httpPart(template, userResources), httpPart(item.expected, userResources))).toEqual([]);
      // After the provider's finalize step the output also has its export name.
      expect(maskDeploymentIds(template.Outputs.ServiceEndpoint)).toEqual(maskDeploymentIds(item.expected.Outputs.ServiceEndpoint));
    } finally {
      copy.dispose();
    }
  }, 60_000);
});

