import path from 'node:path';
import { stageOf, type PluginApi } from '@stratus/core';
import { createSsmClient, type AwsTarget, type SsmClientLike } from './aws/ssm-client';
import { SsmSecretsStore } from './aws/ssm-store';
import { KEY_ADVICE, KEY_FILE_VARIABLE, LocalKeyRing } from './local/key-ring';
import { LocalSecretsStore } from './local/local-store';
import { secretsFileName } from './local/secrets-file';
import { customSecretsOf, readSettings, serviceNameOf, type SecretsSettings } from './settings';
import type { SecretsStore } from './store';
import { collectUsage, EMPTY_USAGE, type SecretsUsage } from './usage';

type Config = Record<string, unknown>;

interface AwsProviderLike {
  getRegion?(): string;
}

export interface SecretsRunOptions {
  env?: NodeJS.ProcessEnv;
  /** Tests pass a fake SSM client. */
  ssmClient?: (target: AwsTarget) => SsmClientLike;
}

/**
 * The plugin's state for one CLI run: the secrets the configuration uses, its settings, and the
 * two backends. Hooks, commands and the variable source share it.
 */
export class SecretsRun {
  private readonly referenced = new Set<string>();
  private current: SecretsUsage = EMPTY_USAGE;
  private providerSecrets: { value: unknown } | undefined;
  readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly api: PluginApi,
    private readonly options: SecretsRunOptions = {},
  ) {
    this.env = options.env ?? process.env;
  }

  get configuration(): Config {
    return this.api.service.configuration;
  }

  get usage(): SecretsUsage {
    return this.current;
  }

  settings(): SecretsSettings {
    return readSettings({ service: serviceNameOf(this.configuration), stage: stageOf(this.api.service), custom: customSecretsOf(this.configuration) });
  }

  /** A `${secret:NAME}` was resolved. */
  recordReference(name: string): void {
    this.referenced.add(name);
  }

  /**
   * Every variable is resolved: read which secrets are used. `provider.secrets` is taken out of
   * the configuration until validation is over — the AWS provider's schema is closed and plugins
   * cannot extend it — and put back by `restoreProviderSecrets`.
   */
  configurationResolved(): void {
    const provider = this.configuration.provider;
    if (provider !== null && typeof provider === 'object' && 'secrets' in provider) {
      const record = provider as Config;
      this.providerSecrets = { value: record.secrets };
      delete record.secrets;
    }
    this.current = collectUsage(this.configuration, this.providerSecrets?.value, this.referenced);
    this.settings(); // a bad custom.secrets fails now, whatever the command
  }

  restoreProviderSecrets(): void {
    const provider = this.configuration.provider;
    if (this.providerSecrets && provider !== null && typeof provider === 'object') (provider as Config).secrets = this.providerSecrets.value;
  }

  localStore(): LocalSecretsStore {
    const settings = this.settings();
    const serviceDir = this.api.service.serviceDir ?? process.cwd();
    const option = this.api.service.options['key-file'];
    const keyFile = (typeof option === 'string' && option ? option : undefined) ?? (this.env[KEY_FILE_VARIABLE] || undefined) ?? settings.keyFile;
    return new LocalSecretsStore({
      file: path.join(serviceDir, secretsFileName(settings.stage)),
      service: settings.service,
      stage: settings.stage,
      keys: new LocalKeyRing({ service: settings.service, serviceDir, env: this.env, keyFile }),
      onKeyCreated: (file) => this.api.log.notice(`Created the key of the local secrets: ${file} (mode 0600). ${KEY_ADVICE}`),
    });
  }

  awsTarget(): AwsTarget {
    const options = this.api.service.options;
    const provider = this.api.getProvider<AwsProviderLike>('aws');
    const fromOption = typeof options.region === 'string' && options.region ? options.region : undefined;
    const region = provider?.getRegion?.() ?? fromOption ?? this.env.AWS_REGION ?? 'us-east-1';
    const explicit = options['aws-profile'];
    const configured = (this.configuration.provider as { profile?: unknown } | undefined)?.profile;
    // As the provider: --aws-profile wins; provider.profile only when the environment names no credentials.
    const fromEnvironment = Boolean(this.env.AWS_PROFILE || this.env.AWS_ACCESS_KEY_ID);
    const profile = typeof explicit === 'string' && explicit ? explicit : !fromEnvironment && typeof configured === 'string' && configured ? configured : undefined;
    return { region, profile };
  }

  awsStore(): SsmSecretsStore {
    const target = this.awsTarget();
    const client = this.options.ssmClient ? this.options.ssmClient(target) : createSsmClient(target);
    return new SsmSecretsStore(client, this.settings(), target.region);
  }

  store(local: boolean): SecretsStore {
    return local ? this.localStore() : this.awsStore();
  }
}
