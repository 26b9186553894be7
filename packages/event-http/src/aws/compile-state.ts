import type { AwsFunctionConfig, CfnResource, EventCompileContext } from '@stratus/provider-aws';
import type { EventLocation } from '../errors';
import type { HttpEvent } from '../http-event';

/** `provider.apiGateway`, as far as REST API compilation reads it. */
export interface ApiGatewaySettings {
  restApiId?: unknown;
  restApiRootResourceId?: unknown;
  restApiResources?: Record<string, unknown> | Array<{ path: string; resourceId: unknown }>;
  apiKeys?: unknown[];
  usagePlan?: unknown;
  apiKeySourceType?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  description?: string;
  disableDefaultEndpoint?: boolean;
  shouldStartNameWithService?: boolean;
  resourcePolicy?: unknown[];
  stage?: string;
  request?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}

/** One http event, normalised, with what the AWS compilation derives from it. */
export interface CompiledHttpEvent {
  functionKey: string;
  function: AwsFunctionConfig;
  where: EventLocation;
  http: HttpEvent;
  /** `normalizePath(path)` (`''` at the root): the middle of the method's logical id. */
  resourceName: string;
  methodLogicalId: string;
}

/**
 * Resources this package generates, in the order v3 adds them. Kept here until the end so the
 * ones several events share (authorizers, permissions, the request validator) are added once;
 * the TemplateBuilder then refuses any clash with another plugin.
 */
export class GeneratedResources {
  private readonly resources = new Map<string, CfnResource>();

  add(logicalId: string, resource: CfnResource): CfnResource {
    if (this.resources.has(logicalId)) throw new Error(`Internal error: ${logicalId} was generated twice.`);
    this.resources.set(logicalId, resource);
    return resource;
  }

  /** Adds unless present; returns the resource kept. */
  addOnce(logicalId: string, create: () => CfnResource): CfnResource {
    const existing = this.resources.get(logicalId);
    if (existing) return existing;
    return this.add(logicalId, create());
  }

  has(logicalId: string): boolean {
    return this.resources.has(logicalId);
  }

  get(logicalId: string): CfnResource | undefined {
    return this.resources.get(logicalId);
  }

  entries(): IterableIterator<[string, CfnResource]> {
    return this.resources.entries();
  }
}

/** What every compile step reads and writes. */
export interface CompileState {
  context: EventCompileContext;
  apiGateway: ApiGatewaySettings;
  events: CompiledHttpEvent[];
  resources: GeneratedResources;
  /** `{ Ref: ApiGatewayRestApi }`, or the imported `provider.apiGateway.restApiId`. */
  restApiId: unknown;
  /** Path → API Gateway resource id (`{ Ref }` of a generated resource, or a given id); `''` is the root. */
  resourceIds: Map<string, unknown>;
  /** Every method's logical id, OPTIONS methods first: what the deployment waits for. */
  methodLogicalIds: string[];
  deploymentLogicalId: string;
}
