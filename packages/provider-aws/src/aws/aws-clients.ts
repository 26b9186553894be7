import { perRun } from '../shared/per-run';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { ServiceContext } from '@stratus/core';
import { regionOf, stageOf } from '../provider/stage-region';
import { toStratusError } from './aws-errors';
import { cloudFormationSdk, cloudWatchLogsSdk, credentialProvidersSdk, lambdaSdk, s3Sdk, ssmSdk, stsSdk } from './sdk';

/** What the clients need to know about the run; read lazily, on every client request. */
export interface AwsClientSettings {
  region: string;
  /** An explicit profile (`--aws-profile`): wins over every other credential source. */
  profile?: string;
  /** `provider.profile`: below `AWS_ACCESS_KEY_ID…` and `AWS_PROFILE`, as in v3. */
  providerProfile?: string;
  /** `provider.credentials`: static keys from the configuration (below `provider.profile`). */
  providerCredentials?: StaticCredentials;
  /** The stage, for `AWS_<STAGE>_PROFILE` and `AWS_<STAGE>_ACCESS_KEY_ID…`. */
  stage?: string;
}

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where the credentials come from, for clients and for messages. */
export type CredentialSource =
  | { kind: 'profile'; profile: string; origin: string }
  | { kind: 'static'; credentials: StaticCredentials; origin: string }
  | { kind: 'default'; origin: string };

export interface AwsClientTypes {
  cloudFormation: CloudFormationClient;
  s3: S3Client;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  ssm: SSMClient;
  sts: STSClient;
}
export type AwsServiceKey = keyof AwsClientTypes;

export type CredentialProvider = () => Promise<StaticCredentials & { expiration?: Date }>;

/** The configuration every SDK client is created with. */
export interface AwsClientConfig {
  region: string;
  /** Absent: the SDK's default chain (env keys, `AWS_PROFILE`, SSO, container and instance roles). */
  credentials?: StaticCredentials | CredentialProvider;
  /** The profile, so the SDK also reads its `region`/`endpoint_url`-style settings. */
  profile?: string;
  maxAttempts: number;
  retryMode: 'standard';
  /** S3 only: path-style addressing when an endpoint override is set (emulators have no bucket DNS). */
  forcePathStyle?: boolean;
  /** S3 only: a bucket in another region is followed instead of failing with a 301. */
  followRegionRedirects?: boolean;
}

/** Creates one SDK client; tests pass a factory returning fakes. */
export type AwsClientFactory = (service: AwsServiceKey, config: AwsClientConfig) => unknown;

export interface AwsClientsOptions {
  factory?: AwsClientFactory;
  env?: NodeJS.ProcessEnv;
}

export interface AwsAccountInfo {
  accountId: string;
  partition: string;
  arn: string;
  userId: string;
}

/** v3 retried a failed request 4 times (`SLS_AWS_REQUEST_MAX_RETRIES`); the SDK counts attempts. */
const DEFAULT_MAX_RETRIES = 4;

/**
 * The AWS SDK v3 clients of one run, created on first use and memoised per region (and credential
 * source). Every SDK package is `require`d inside the method that needs it.
 */
export class AwsClients {
  private readonly clients = new Map<string, unknown>();
  private readonly credentialProviders = new Map<string, CredentialProvider>();
  private readonly customClients = new Map<string, unknown>();
  private accountInfoPromise: Promise<AwsAccountInfo> | undefined;
  private readonly factory: AwsClientFactory;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly settings: () => AwsClientSettings,
    options: AwsClientsOptions = {},
  ) {
    this.factory = options.factory ?? createSdkClient;
    this.env = options.env ?? process.env;
  }

  /** The region of the run (`--region` → `provider.region` → `us-east-1`). */
  get region(): string {
    return this.settings().region;
  }

  /** Where credentials come from, following v3's precedence (see `resolveCredentialSource`). */
  credentialSource(): CredentialSource {
    return resolveCredentialSource(this.settings(), this.env);
  }

  cloudFormation(region?: string): CloudFormationClient {
    return this.client('cloudFormation', region);
  }

  s3(region?: string): S3Client {
    return this.client('s3', region);
  }

  lambda(region?: string): LambdaClient {
    return this.client('lambda', region);
  }

  logs(region?: string): CloudWatchLogsClient {
    return this.client('logs', region);
  }

  ssm(region?: string): SSMClient {
    return this.client('ssm', region);
  }

  sts(region?: string): STSClient {
    return this.client('sts', region);
  }

  /** Any of the clients by key, in the run's region unless one is given. */
  client<K extends AwsServiceKey>(service: K, region?: string): AwsClientTypes[K] {
    const targetRegion = region ?? this.region;
    const source = this.credentialSource();
    const cacheKey = `${service}\0${targetRegion}\0${credentialKey(source)}`;
    let client = this.clients.get(cacheKey);
    if (!client) {
      client = this.factory(service, this.clientConfig(service === 's3', targetRegion, source));
      this.clients.set(cacheKey, client);
    }
    return client as AwsClientTypes[K];
  }

  /** The account id of the credentials (STS GetCallerIdentity, asked once per run). */
  async accountId(): Promise<string> {
    return (await this.accountInfo()).accountId;
  }

  /** v3's `getAccountInfo()`: `{ accountId, partition, arn, userId }`, memoised. */
  accountInfo(): Promise<AwsAccountInfo> {
    if (!this.accountInfoPromise) {
      this.accountInfoPromise = this.fetchAccountInfo();
      // A failure is not cached: the next caller asks again (e.g. after a token refresh).
      this.accountInfoPromise.catch(() => {
        this.accountInfoPromise = undefined;
      });
    }
    return this.accountInfoPromise;
  }

  private async fetchAccountInfo(): Promise<AwsAccountInfo> {
    const { GetCallerIdentityCommand } = stsSdk();
    try {
      const result = await this.sts().send(new GetCallerIdentityCommand({}));
      const arn = result.Arn ?? '';
      return { accountId: result.Account ?? '', partition: arn.split(':')[1] || 'aws', arn, userId: result.UserId ?? '' };
    } catch (error) {
      throw toStratusError(error, 'STS', 'getCallerIdentity');
    }
  }

  /**
   * A client of any SDK package (v3 plugins' `provider.request` reaches services Stratus has no
   * key for), made by `create` with the run's configuration and memoised like the others under `id`.
   */
  customClient<T>(id: string, options: { region?: string; s3?: boolean }, create: (config: AwsClientConfig) => T): T {
    const region = options.region ?? this.region;
    const source = this.credentialSource();
    const cacheKey = `${id}\0${region}\0${credentialKey(source)}`;
    let client = this.customClients.get(cacheKey);
    if (!client) {
      client = create(this.clientConfig(options.s3 === true, region, source));
      this.customClients.set(cacheKey, client);
    }
    return client as T;
  }

  /**
   * The credentials every client uses, as an SDK v3 credential provider: the static keys, the
   * profile's provider, or the SDK's default chain (env keys, `AWS_PROFILE`, SSO, container and
   * instance roles) when no source is configured.
   */
  credentialProvider(): CredentialProvider {
    const source = this.credentialSource();
    if (source.kind === 'static') return async () => source.credentials;
    if (source.kind === 'profile') return this.profileCredentials(source.profile);
    let provider = this.credentialProviders.get('\0default');
    if (!provider) {
      provider = credentialProvidersSdk().fromNodeProviderChain() as CredentialProvider;
      this.credentialProviders.set('\0default', provider);
    }
    return provider;
  }

  private clientConfig(isS3: boolean, region: string, source: CredentialSource): AwsClientConfig {
    const config: AwsClientConfig = { region, maxAttempts: maxAttempts(this.env), retryMode: 'standard' };
    if (source.kind === 'static') config.credentials = source.credentials;
    if (source.kind === 'profile') {
      config.profile = source.profile;
      config.credentials = this.profileCredentials(source.profile);
    }
    if (isS3) {
      config.followRegionRedirects = true;
      if (endpointOverride('s3', this.env)) config.forcePathStyle = true;
    }
    return config;
  }

  /** One `fromIni` provider per profile, shared by every client. */
  private profileCredentials(profile: string): CredentialProvider {
    let provider = this.credentialProviders.get(profile);
    if (!provider) {
      provider = credentialProvidersSdk().fromIni({ profile }) as CredentialProvider;
      this.credentialProviders.set(profile, provider);
    }
    return provider;
  }
}

/**
 * The credential source by v3's precedence, highest first:
 * `--aws-profile` → `AWS_<STAGE>_PROFILE` → `AWS_<STAGE>_ACCESS_KEY_ID`/`_SECRET_ACCESS_KEY`/`_SESSION_TOKEN`
 * → `AWS_PROFILE` → `AWS_ACCESS_KEY_ID`… (left to the SDK's default chain, which reads them first)
 * → `provider.profile` → `provider.credentials` → `AWS_DEFAULT_PROFILE` → the SDK's default chain.
 */
export function resolveCredentialSource(settings: AwsClientSettings, env: NodeJS.ProcessEnv = process.env): CredentialSource {
  if (settings.profile) return { kind: 'profile', profile: settings.profile, origin: '--aws-profile' };
  for (const prefix of stagePrefixes(settings.stage)) {
    const profile = env[`${prefix}_PROFILE`];
    if (profile) return { kind: 'profile', profile, origin: `${prefix}_PROFILE` };
  }
  for (const prefix of stagePrefixes(settings.stage)) {
    const credentials = staticFromEnv(env, prefix);
    if (credentials) return { kind: 'static', credentials, origin: `${prefix}_ACCESS_KEY_ID` };
  }
  if (env.AWS_PROFILE) return { kind: 'profile', profile: env.AWS_PROFILE, origin: 'AWS_PROFILE' };
  if (staticFromEnv(env, 'AWS')) return { kind: 'default', origin: 'AWS_ACCESS_KEY_ID' };
  if (settings.providerProfile) return { kind: 'profile', profile: settings.providerProfile, origin: 'provider.profile' };
  if (settings.providerCredentials?.accessKeyId && settings.providerCredentials.secretAccessKey) {
    return { kind: 'static', credentials: settings.providerCredentials, origin: 'provider.credentials' };
  }
  if (env.AWS_DEFAULT_PROFILE) return { kind: 'profile', profile: env.AWS_DEFAULT_PROFILE, origin: 'AWS_DEFAULT_PROFILE' };
  return { kind: 'default', origin: 'the AWS SDK default credential chain' };
}

/** `AWS_DEV`, and for a stage such as `my-stage` also `AWS_MY_STAGE` (a hyphen is awkward in a shell). */
function stagePrefixes(stage: string | undefined): string[] {
  if (!stage) return [];
  const plain = `AWS_${stage.toUpperCase()}`;
  const safe = `AWS_${stage.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
  return plain === safe ? [plain] : [plain, safe];
}

function staticFromEnv(env: NodeJS.ProcessEnv, prefix: string): StaticCredentials | undefined {
  const accessKeyId = env[`${prefix}_ACCESS_KEY_ID`];
  const secretAccessKey = env[`${prefix}_SECRET_ACCESS_KEY`];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env[`${prefix}_SESSION_TOKEN`];
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

function credentialKey(source: CredentialSource): string {
  if (source.kind === 'profile') return `profile:${source.profile}`;
  if (source.kind === 'static') return `static:${source.credentials.accessKeyId}:${source.credentials.sessionToken ?? ''}`;
  return 'default';
}

function maxAttempts(env: NodeJS.ProcessEnv): number {
  const retries = Number(env.SLS_AWS_REQUEST_MAX_RETRIES);
  return (Number.isInteger(retries) && retries >= 0 ? retries : DEFAULT_MAX_RETRIES) + 1;
}

/** The suffix of `AWS_ENDPOINT_URL_<SERVICE>`: the SDK's service id, upper snake case. */
const ENDPOINT_ENV_SUFFIX: Record<AwsServiceKey, string> = {
  cloudFormation: 'CLOUDFORMATION',
  s3: 'S3',
  lambda: 'LAMBDA',
  logs: 'CLOUDWATCH_LOGS',
  ssm: 'SSM',
  sts: 'STS',
};

/**
 * The endpoint override the SDK will use for a service, from `AWS_ENDPOINT_URL_<SERVICE>` or
 * `AWS_ENDPOINT_URL` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`). The SDK applies these
 * itself; Stratus only needs to know whether one is set (S3 path-style addressing, messages).
 */
export function endpointOverride(service: AwsServiceKey, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV_SUFFIX[service]}`] || env.AWS_ENDPOINT_URL || undefined;
}

/** The real SDK clients; each package is loaded only when its first client is made. */
function createSdkClient(service: AwsServiceKey, config: AwsClientConfig): unknown {
  // The SDK warns on every run under Node < 22 about its own future support policy; that is noise
  // for a CLI user, so it is silenced unless the user set the variable themselves.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  switch (service) {
    case 'cloudFormation':
      return new (cloudFormationSdk().CloudFormationClient)(config);
    case 's3':
      return new (s3Sdk().S3Client)(config);
    case 'lambda':
      return new (lambdaSdk().LambdaClient)(config);
    case 'logs':
      return new (cloudWatchLogsSdk().CloudWatchLogsClient)(config);
    case 'ssm':
      return new (ssmSdk().SSMClient)(config);
    case 'sts':
      return new (stsSdk().STSClient)(config);
  }
}

/** The settings of a run, read from its live configuration and options. */
export function awsClientSettingsOf(context: Pick<ServiceContext, 'configuration' | 'options'>): AwsClientSettings {
  const provider = (context.configuration.provider ?? {}) as { profile?: unknown; credentials?: unknown };
  const option = context.options['aws-profile'] ?? context.options.profile;
  const settings: AwsClientSettings = { region: regionOf(context), stage: stageOf(context) };
  if (isResolvedString(option)) settings.profile = option;
  if (typeof provider === 'object' && isResolvedString(provider.profile)) settings.providerProfile = provider.profile;
  if (typeof provider === 'object' && provider.credentials && typeof provider.credentials === 'object') {
    const { accessKeyId, secretAccessKey, sessionToken } = provider.credentials as Record<string, unknown>;
    if (isResolvedString(accessKeyId) && isResolvedString(secretAccessKey)) {
      settings.providerCredentials = isResolvedString(sessionToken) ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
    }
  }
  return settings;
}

/** A non-empty string that is not a variable still waiting to be resolved. */
function isResolvedString(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.includes('${');
}

/** The one `AwsClients` of a run, kept on the run's shared service context (`api.service`). */
export function getAwsClients(service: ServiceContext): AwsClients {
  return perRun(service, 'clients', () => new AwsClients(() => awsClientSettingsOf(service)));
}
