import { AsyncSeriesHook, HookMap } from 'tapable';
import type { LocateProperty, Logger } from '@stratus/core';
import type { AwsFunctionConfig, AwsServiceConfig } from '../config-types';
import type { Naming } from '../naming/naming';
import type { TemplateBuilder } from '../template/template-builder';
import { perRun } from '../shared/per-run';

/** One event of one function, as written under `functions.<key>.events`. */
export interface FunctionEvent {
  functionKey: string;
  function: AwsFunctionConfig;
  /** The value under the event's key: `GET hello` for `- http: GET hello`. */
  definition: unknown;
  /** Position in the function's `events` list. */
  index: number;
}

/** What an event compiler gets: every event of its type across the service, in function order. */
export interface EventCompileContext {
  eventType: string;
  events: FunctionEvent[];
  builder: TemplateBuilder;
  service: AwsServiceConfig;
  stage: string;
  region: string;
  naming: Naming;
  /** v3's `serverless.instanceId` (API Gateway deployment ids). */
  instanceId: string;
  configFile: string;
  /** Where a property was written, for messages (`serverless.yml:12:5`). */
  locate: LocateProperty;
  /** The package folder (`<serviceDir>/.serverless`): extra artifacts such as `custom-resources.zip` go here. */
  outputDir: string;
  /** This deployment's folder in the bucket; artifacts' S3 keys are `<artifactDirectoryName>/<file>`. */
  artifactDirectoryName: string;
  /** `Code.S3Bucket` of artifacts: `{ Ref: ServerlessDeploymentBucket }` or the custom bucket's name. */
  deploymentBucket: unknown;
  log: Logger;
  /** The ARN an event source should invoke (the function, or its provisioned-concurrency alias). */
  functionTargetArn(functionKey: string): unknown;
  addRoleStatement(statement: Record<string, unknown>): void;
}

/** What `info` and `deploy` print about a deployed service; event packages add their endpoints. */
export interface ServiceInfo {
  service: string;
  stage: string;
  region: string;
  stackName: string;
  /** Stack outputs by key. */
  outputs: Record<string, string>;
  /** Lines such as `GET - https://abc.execute-api.us-east-1.amazonaws.com/dev/hello`. */
  endpoints: string[];
  functions: Array<{ key: string; name: string }>;
  configuration: AwsServiceConfig;
}

export interface AwsProviderHooks {
  /** Extension point for event packages: `compileEvents.for('http').tapPromise(name, async (context) => …)`. */
  readonly compileEvents: HookMap<AsyncSeriesHook<[EventCompileContext]>>;
  /** Event types in the order their compilers registered (v3 compiles events plugin by plugin). */
  readonly eventTypeOrder: readonly string[];
  /** After a deploy and for `info`: event packages add what they expose (endpoints). */
  readonly serviceInfo: AsyncSeriesHook<[ServiceInfo]>;
}

/**
 * The AWS provider's extension points for one run, kept on the run's shared service context
 * (`api.service`), so event packages can tap them whether they load before or after the provider,
 * and whichever copy of this package they import.
 */
export function getAwsProviderHooks(owner: object): AwsProviderHooks {
  return perRun(owner, 'hooks', () => {
    const order: string[] = [];
    const compileEvents = new HookMap<AsyncSeriesHook<[EventCompileContext]>>(() => new AsyncSeriesHook(['context']));
    compileEvents.intercept({
      factory: (key, hook) => {
        order.push(String(key));
        return hook;
      },
    });
    return Object.freeze({ compileEvents, eventTypeOrder: order, serviceInfo: new AsyncSeriesHook<[ServiceInfo]>(['info']) });
  });
}
