import { StratusError, type ServiceContext } from '@stratus/core';
import type { AwsProviderConfig } from '../config-types';
import { customDeploymentBucketName } from '../compile/core-template';
import { DEFAULT_RUNTIME } from '../compile/functions';
import { regionOf, stageOf } from './stage-region';
import { createV3Naming } from './v3-naming';

/**
 * The provider object plugins get from `getProvider('aws')` — the v3 shape (`naming`,
 * `getStage()`, `getRegion()`…), so existing v3 plugins work. Each member is a small function of
 * the live configuration; nothing here talks to AWS yet.
 */
export class AwsProvider {
  static getProviderName(): string {
    return 'aws';
  }

  readonly naming: Record<string, unknown>;

  constructor(private readonly context: ServiceContext) {
    this.naming = createV3Naming(context);
  }

  private get config(): AwsProviderConfig {
    return (this.context.configuration.provider ?? {}) as AwsProviderConfig;
  }

  getStage(): string {
    return stageOf(this.context);
  }

  getRegion(): string {
    return regionOf(this.context);
  }

  getRuntime(functionRuntime?: string): string {
    return functionRuntime ?? this.config.runtime ?? DEFAULT_RUNTIME;
  }

  getProfile(): string | undefined {
    const option = this.context.options['aws-profile'] ?? this.context.options.profile;
    return typeof option === 'string' ? option : (this.config.profile as string | undefined);
  }

  getDeploymentPrefix(): string {
    return this.config.deploymentPrefix ?? 'serverless';
  }

  getLogRetentionInDays(): number | undefined {
    return this.config.logRetentionInDays;
  }

  getApiGatewayRestApiId(): unknown {
    const apiGateway = (this.config.apiGateway ?? {}) as { restApiId?: unknown };
    return apiGateway.restApiId ?? { Ref: 'ApiGatewayRestApi' };
  }

  getApiGatewayRestApiRootResourceId(): unknown {
    const apiGateway = (this.config.apiGateway ?? {}) as { restApiId?: unknown; restApiRootResourceId?: unknown };
    return apiGateway.restApiId ? apiGateway.restApiRootResourceId : { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] };
  }

  getApiGatewayStage(): string {
    const apiGateway = (this.config.apiGateway ?? {}) as { stage?: string };
    return apiGateway.stage ?? this.getStage();
  }

  getApiGatewayPredefinedResources(): unknown[] {
    const apiGateway = (this.config.apiGateway ?? {}) as { restApiResources?: unknown };
    const resources = apiGateway.restApiResources;
    if (!resources) return [];
    if (Array.isArray(resources)) return resources;
    return Object.entries(resources as Record<string, unknown>).map(([path, resourceId]) => ({ path, resourceId }));
  }

  /** The bucket name when configured; looking it up on a deployed stack needs the deploy support. */
  async getServerlessDeploymentBucketName(): Promise<string> {
    const custom = customDeploymentBucketName(this.config);
    if (custom) return custom;
    throw new StratusError('AWS_NOT_AVAILABLE_YET', 'Looking up the deployment bucket of a deployed stack is not available in this version of Stratus.', {
      hint: 'Set provider.deploymentBucket, or use a plugin feature that does not need a deployed stack.',
    });
  }

  getCustomDeploymentRole(): unknown {
    return this.config.iam?.deploymentRole ?? this.config.cfnRole;
  }

  isExistingRoleProvided(role: unknown): boolean {
    if (typeof role === 'string') return role.startsWith('arn:');
    return !!role && typeof role === 'object' && Object.keys(role).some((key) => key === 'Ref' || key.startsWith('Fn::'));
  }
}
