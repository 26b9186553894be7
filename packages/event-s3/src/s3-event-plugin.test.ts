import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PluginApi } from '@stratus/core';
import { getAwsProviderHooks } from '@stratus/provider-aws';
import { compileContext } from '@stratus/testing';
import plugin, { buildCustomResourcesZip, s3EventPlugin } from './index';
import { s3EventSchema } from './schema';

async function applied(serviceDir: string) {
  const defined: unknown[][] = [];
  const service = { configuration: {}, options: {}, serviceDir };
  const api = { service, schema: { defineFunctionEvent: (...args: unknown[]) => defined.push(args) } } as unknown as PluginApi;
  await s3EventPlugin.apply(api);
  return { defined, hooks: getAwsProviderHooks(service) };
}

test('registers the schema for aws and compiles through the provider hook', async () => {
  expect(plugin).toBe(s3EventPlugin);
  expect(s3EventPlugin.name).toBe('@stratus/event-s3');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratus-s3-plugin-'));
  try {
    const { defined, hooks } = await applied(dir);
    expect(defined).toEqual([['aws', 's3', s3EventSchema]]);
    expect(hooks.compileEvents.get('s3')?.taps.map((tap) => tap.name)).toEqual(['@stratus/event-s3']);
    const context = compileContext('s3', { functions: { f: { events: [{ s3: 'photos' }] } } });
    await hooks.compileEvents.for('s3').promise(context);
    expect(Object.keys(context.builder.template.Resources)).toEqual(['S3BucketPhotos', 'FLambdaPermissionPhotosS3']);
    // No existing bucket: no custom resource code to ship.
    expect(existsSync(path.join(dir, '.serverless'))).toBe(false);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("an existing bucket: the tap writes custom-resources.zip into the provider's package folder", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratus-s3-plugin-'));
  try {
    const { hooks } = await applied(dir);
    const context = compileContext('s3', { functions: { f: { events: [{ s3: { bucket: 'old', existing: true } }] } } });
    await hooks.compileEvents.for('s3').promise(context);
    const written = await fs.readFile(path.join(context.outputDir, 'custom-resources.zip'));
    expect(written.equals(buildCustomResourcesZip())).toBe(true);
    expect(context.builder.hasResource('CustomDashresourceDashexistingDashs3LambdaFunction')).toBe(true);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
