import path from 'node:path';
import { ServerlessError, V3_MEMBERS, type ServiceContext } from '@stratus/core';
import { getAwsClients, type AwsAccountInfo, type AwsClients, type CredentialProvider } from '../aws/aws-clients';
import { toStratusError } from '../aws/aws-errors';
import { createSdkPackageLoader } from '../aws/load-sdk-package';
import { cloudFormationSdk } from '../aws/sdk';
import { createV2Request, type V2Request, type V2RequestOptions } from '../aws/v2-request';
import { customDeploymentBucketName } from '../compile/core-template';
import { DEFAULT_RUNTIME } from '../compile/functions';
import type { AwsProviderConfig } from '../config-types';
import { requireDeploymentBucket } from '../deploy/deployment-bucket';
import { naming as plainNaming } from '../naming/naming';
import { regionOf, stageOf } from './stage-region';
import { createV2Credentials, type V2Credentials } from './v3-credentials';
import { createV3Naming } from './v3-naming';
import { AWS_PROVIDER_V3_MEMBERS } from './v3-provider-members';

/** What the provider needs from the plugin host besides the service (the v3 facade, who is calling). */
export interface AwsProviderBridge {
  serverless?: () => Record<string, unknown>;
  callingPlugin?: () => string | undefined;
}

const isLambdaArn = (value: string): boolean => /^arn:[^:]+:lambda:/.test(value);

/**
 * The provider object plugins get from `getProvider('aws')` — v3's AwsProvider as plugins use
 * it: `naming`, `getStage()`, `getRegion()`, `getCredentials()`, `getAccountId()`,
 * `request(service, method, params)`… Every member reads the live configuration; the AWS ones
 * go through the run's SDK v3 clients (aws/aws-clients.ts), loaded on first use.
 */
export class AwsProvider {
  static getProviderName(): string {
    return 'aws';
  }

  readonly naming: Record<string, unknown>;
  /** v3's provider pointed at itself (`this.provider.naming`). */
  readonly provider: AwsProvider = this;
  readonly hooks: Record<string, never> = {};
  /** Set by the first `getCredentials()`, as in v3. */
  cachedCredentials: { credentials: V2Credentials; region: string; signatureVersion?: 'v4' } | null = null;
  private v2Request: V2Request | undefined;

  constructor(
    private readonly context: ServiceContext,
    private readonly bridge: AwsProviderBridge = {},
  ) {
    this.naming = createV3Naming(context, this);
  }

  /** The v3 `serverless` object (v3 plugins reach `provider.serverless.service`). */
  get serverless(): Record<string, unknown> | undefined {
    return this.bridge.serverless?.();
  }

  /** The shared CLI options object. */
  get options(): Record<string, unknown> {
    return this.context.options;
  }

  private get config(): AwsProviderConfig {
    return (this.context.configuration.provider ?? {}) as AwsProviderConfig;
  }

  private get clients(): AwsClients {
    return getAwsClients(this.context);
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

  /**
   * v3's `{ credentials }` (plus `region`), cached. `credentials` works as SDK v2 credentials, as
   * plain keys, and as an SDK v3 credential provider (see v3-credentials.ts).
   */
  getCredentials(): { credentials: V2Credentials; region: string; signatureVersion?: 'v4' } {
    if (this.cachedCredentials) return this.cachedCredentials;
    const bucket = this.config.deploymentBucket;
    const kms = !!bucket && typeof bucket === 'object' && bucket.serverSideEncryption === 'aws:kms';
    this.cachedCredentials = { credentials: createV2Credentials(this.clients), region: this.getRegion(), ...(kms ? { signatureVersion: 'v4' as const } : {}) };
    return this.cachedCredentials;
  }

  /** `{ region, credentials }` for an SDK v3 client (offered by later v3 forks; serverless-domain-manager looks for it). */
  getAwsSdkV3Config(): { region: string; credentials: CredentialProvider } {
    return { region: this.getRegion(), credentials: this.clients.credentialProvider() };
  }

  /**
   * v3's `request('CloudFormation', 'describeStacks', { StackName }, { useCache, region })`: the
   * SDK v2 calling convention on SDK v3 clients; v2-shaped results and errors (aws/v2-request.ts).
   */
  request(service: string, method: string, params?: Record<string, unknown>, options?: V2RequestOptions): Promise<unknown> {
    this.v2Request ??= createV2Request({
      clients: this.clients,
      loadPackage: createSdkPackageLoader(() => this.context.serviceDir),
      callingPlugin: () => this.bridge.callingPlugin?.(),
      serviceDir: () => this.context.serviceDir,
    });
    return this.v2Request(service, method, params, options);
  }

  /** STS GetCallerIdentity, asked once per run. */
  getAccountId(): Promise<string> {
    return this.clients.accountId();
  }

  getAccountInfo(): Promise<AwsAccountInfo> {
    return this.clients.accountInfo();
  }

  getDeploymentPrefix(): string {
    const prefix = this.config.deploymentPrefix;
    return prefix === undefined || prefix === null ? 'serverless' : String(prefix);
  }

  /** `provider.deploymentBucket`, else the bucket the deployed stack created (DescribeStackResource). */
  async getServerlessDeploymentBucketName(): Promise<string> {
    const custom = customDeploymentBucketName(this.config);
    if (custom) return custom;
    return requireDeploymentBucket(this.clients.cloudFormation(), this.stackName(), this.config);
  }

  /** Every resource of the deployed stack (ListStackResources, all pages). */
  async getStackResources(): Promise<unknown[]> {
    const { ListStackResourcesCommand } = cloudFormationSdk();
    const resources: unknown[] = [];
    let NextToken: string | undefined;
    do {
      try {
        const page = await this.clients.cloudFormation().send(new ListStackResourcesCommand({ StackName: this.stackName(), ...(NextToken ? { NextToken } : {}) }));
        resources.push(...(page.StackResourceSummaries ?? []));
        NextToken = page.NextToken;
      } catch (error) {
        throw toStratusError(error, 'CloudFormation', 'listStackResources');
      }
    } while (NextToken);
    return resources;
  }

  private stackName(): string {
    const stackName = this.config.stackName;
    return plainNaming.getStackName(String(this.context.configuration.service), this.getStage(), typeof stackName === 'string' ? stackName : undefined);
  }

  getLogRetentionInDays(): number | undefined {
    return this.config.logRetentionInDays;
  }

  getLogDataProtectionPolicy(): unknown {
    return this.config.logDataProtectionPolicy;
  }

  getApiGatewayRestApiId(): unknown {
    const apiGateway = (this.config.apiGateway ?? {}) as { restApiId?: unknown };
    return apiGateway.restApiId ?? { Ref: 'ApiGatewayRestApi' };
  }

  getApiGatewayRestApiRootResourceId(): unknown {
    const apiGateway = (this.config.apiGateway ?? {}) as { restApiId?: unknown; restApiRootResourceId?: unknown };
    return apiGateway.restApiRootResourceId ?? { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] };
  }

  getApiGatewayStage(): string {
    const apiGateway = (this.config.apiGateway ?? {}) as { stage?: string };
    return apiGateway.stage ?? this.getStage();
  }

  getApiGatewayDescription(): unknown {
    return ((this.config.apiGateway ?? {}) as { description?: unknown }).description;
  }

  getApiGatewayWebsocketApiId(): unknown {
    return ((this.config.apiGateway ?? {}) as { websocketApiId?: unknown }).websocketApiId ?? { Ref: 'WebsocketsApi' };
  }

  getApiGatewayPredefinedResources(): unknown[] {
    const apiGateway = (this.config.apiGateway ?? {}) as { restApiResources?: unknown };
    const resources = apiGateway.restApiResources;
    if (!resources) return [];
    if (Array.isArray(resources)) return resources;
    return Object.entries(resources as Record<string, unknown>).map(([resourcePath, resourceId]) => ({ path: resourcePath, resourceId }));
  }

  getCustomDeploymentRole(): unknown {
    return this.config.iam?.deploymentRole ?? this.config.cfnRole;
  }

  /** v3: a string, or an object whose keys are CloudFormation functions (`Fn::GetAtt`, `Fn::ImportValue`…). */
  isExistingRoleProvided(role: unknown): boolean {
    return typeof role === 'string' || (!!role && typeof role === 'object' && Object.keys(role).some((key) => key.includes('::')));
  }

  getCustomExecutionRole(functionConfig: { role?: unknown }): unknown {
    if (functionConfig.role) return functionConfig.role;
    const role = this.config.iam?.role;
    return this.isExistingRoleProvided(role) ? role : this.config.role;
  }

  /** The logical id of a function's role resource; null when it is an ARN or an import/Ref/Sub. */
  resolveFunctionIamRoleResourceName(functionConfig: { role?: unknown }): string | null {
    const role = this.getCustomExecutionRole(functionConfig);
    if (typeof role === 'string') return role.includes(':') ? null : role;
    if (role && typeof role === 'object') {
      const getAtt = (role as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
      if (Array.isArray(getAtt) && getAtt.length === 2 && typeof getAtt[0] === 'string' && getAtt[1] === 'Arn') return getAtt[0];
      if (['Fn::ImportValue', 'Ref', 'Fn::Sub'].some((key) => key in role)) return null;
    }
    return 'IamRoleLambdaExecution';
  }

  /** A Lambda ARN as is; a function key as `Fn::GetAtt` of its function (joined with its alias, if any). */
  resolveFunctionArn(functionAddress: string): unknown {
    if (isLambdaArn(functionAddress)) return functionAddress;
    const functions = (this.context.configuration.functions ?? {}) as Record<string, { targetAlias?: { name?: string } }>;
    const fn = functions[functionAddress];
    if (!fn) throw new ServerlessError(`Unrecognized function address ${functionAddress}`, 'UNRECOGNIZED_FUNCTION_ADDRESS');
    const arn = { 'Fn::GetAtt': [plainNaming.getLambdaLogicalId(functionAddress), 'Arn'] };
    return fn.targetAlias?.name ? { 'Fn::Join': [':', [arn, fn.targetAlias.name]] } : arn;
  }

  resolveLayerArtifactName(layerName: string): string {
    const layers = (this.context.configuration.layers ?? {}) as Record<string, { package?: { artifact?: string } }>;
    const layer = layers[layerName];
    if (!layer) throw new ServerlessError(`Layer "${layerName}" doesn't exist in this Service`, 'LAYER_MISSING_IN_SERVICE');
    return layer.package?.artifact ?? path.join(this.context.serviceDir ?? '.', '.serverless', `${layerName}.zip`);
  }

  getAlbTargetGroupPrefix(): string {
    return ((this.config.alb ?? {}) as { targetGroupPrefix?: string }).targetGroupPrefix ?? '';
  }

  isS3TransferAccelerationEnabled(): boolean {
    return !!this.context.options['aws-s3-accelerate'];
  }

  isS3TransferAccelerationDisabled(): boolean {
    return this.context.options['aws-s3-accelerate'] === false;
  }

  /** Only standard regions have S3 transfer acceleration (not GovCloud or China). */
  isS3TransferAccelerationSupported(): boolean {
    return !/^(cn-|us-gov-)/.test(this.getRegion());
  }

  disableTransferAccelerationForCurrentDeploy(): void {
    delete this.context.options['aws-s3-accelerate'];
  }

  /** v3's helpers behind getStage/getRegion: values at paths of the provider object, first set one wins. */
  getValues(source: unknown, objectPaths: string[][]): Array<{ path: string[]; value: unknown }> {
    return objectPaths.map((objectPath) => ({
      path: objectPath,
      value: objectPath.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), source),
    }));
  }

  firstValue(values: Array<{ path: string[]; value: unknown }>): { path?: string[]; value?: unknown } {
    return values.find((entry) => entry.value) ?? {};
  }

  getStageSourceValue(): { path?: string[]; value?: unknown } {
    return this.firstValue(this.getValues(this, [['options', 'stage'], ['serverless', 'config', 'stage'], ['serverless', 'service', 'provider', 'stage']]));
  }

  getRegionSourceValue(): { path?: string[]; value?: unknown } {
    return this.firstValue(this.getValues(this, [['options', 'region'], ['serverless', 'config', 'region'], ['serverless', 'service', 'provider', 'region']]));
  }

  getRuntimeSourceValue(): { path?: string[]; value?: unknown } {
    return this.firstValue(this.getValues(this, [['serverless', 'service', 'provider', 'runtime']]));
  }

  getProfileSourceValue(): unknown {
    return this.getProfile() ?? null;
  }
}

// The v3 members this object stands for, so core's guard can name what a v3 plugin asks for and it lacks.
Object.defineProperty(AwsProvider.prototype, V3_MEMBERS, { value: AWS_PROVIDER_V3_MEMBERS });
