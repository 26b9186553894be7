import { AsyncSeriesHook, HookMap } from 'tapable';
import type { Logger } from '@stratus/core';
import type { AwsFunctionConfig, AwsServiceConfig } from '../config-types';
import type { Naming } from '../naming/naming';
import type { TemplateBuilder } from '../template/template-builder';

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
  log: Logger;
  /** The ARN an event source should invoke (the function, or its provisioned-concurrency alias). */
  functionTargetArn(functionKey: string): unknown;
  addRoleStatement(statement: Record<string, unknown>): void;
}

export interface AwsProviderHooks {
  /** Extension point for event packages: `compileEvents.for('http').tapPromise(name, async (context) => …)`. */
  readonly compileEvents: HookMap<AsyncSeriesHook<[EventCompileContext]>>;
  /** Event types in the order their compilers registered (v3 compiles events plugin by plugin). */
  readonly eventTypeOrder: readonly string[];
}

const hooksByOwner = new WeakMap<object, AwsProviderHooks>();

/**
 * The AWS provider's extension points for one run. Keyed by the run's shared service context
 * (`api.service`), so event packages can tap them whether they load before or after the provider.
 */
export function getAwsProviderHooks(owner: object): AwsProviderHooks {
  let hooks = hooksByOwner.get(owner);
  if (!hooks) {
    const order: string[] = [];
    const compileEvents = new HookMap<AsyncSeriesHook<[EventCompileContext]>>(() => new AsyncSeriesHook(['context']));
    compileEvents.intercept({
      factory: (key, hook) => {
        order.push(String(key));
        return hook;
      },
    });
    hooks = Object.freeze({ compileEvents, eventTypeOrder: order });
    hooksByOwner.set(owner, hooks);
  }
  return hooks;
}
