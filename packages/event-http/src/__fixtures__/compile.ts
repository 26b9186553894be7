import type { AwsServiceConfig, CfnResource, CfnTemplate } from '@stratus/provider-aws';
import { compileHttpEvents } from '../aws/compile-http-events';
import { compileContext } from './corpus';

export interface ServiceFixture {
  service?: string;
  provider?: Record<string, unknown>;
  /** Function key → its http event definitions (each becomes `- http: <definition>`), or a whole function definition with `events` as written. */
  functions: Record<string, unknown[] | Record<string, unknown>>;
  stage?: string;
}

export function serviceConfig(fixture: ServiceFixture): AwsServiceConfig {
  const service = fixture.service ?? 'svc';
  const stage = fixture.stage ?? 'dev';
  const functions = Object.fromEntries(
    Object.entries(fixture.functions).map(([key, value]) => {
      const fn = Array.isArray(value) ? { events: value.map((http) => ({ http })) } : value;
      return [key, { handler: 'handler.main', name: `${service}-${stage}-${key}`, events: [], ...fn }];
    }),
  );
  return { service, provider: { name: 'aws', stage, region: 'us-east-1', ...fixture.provider }, functions } as unknown as AwsServiceConfig;
}

/** Compile a small service's http events; returns the template and the warnings logged. */
export function compileService(fixture: ServiceFixture): { template: CfnTemplate; resources: Record<string, CfnResource>; messages: string[] } {
  const messages: string[] = [];
  const context = compileContext(serviceConfig(fixture), { stage: fixture.stage ?? 'dev', region: 'us-east-1', messages });
  compileHttpEvents(context);
  return { template: context.builder.template, resources: context.builder.template.Resources, messages };
}

/** The `Properties` of a generated resource (fails the test when it is missing). */
export function propertiesOf(resources: Record<string, CfnResource>, logicalId: string): Record<string, any> {
  const resource = resources[logicalId];
  if (!resource) throw new Error(`${logicalId} was not generated; got ${Object.keys(resources).join(', ')}`);
  return resource.Properties as Record<string, any>;
}

/** Run and return the error thrown (fails when nothing is). */
export function errorOf(run: () => unknown): { code?: string; message: string; hint?: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string; hint?: string };
  }
  throw new Error('expected an error');
}
