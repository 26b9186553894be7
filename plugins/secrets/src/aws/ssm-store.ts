import type { GetParameterCommandOutput, GetParametersByPathCommandOutput, GetParametersCommandOutput, Parameter } from '@aws-sdk/client-ssm';
import { secretsErrors } from '../errors';
import { parameterNameOf, type SecretsSettings } from '../settings';
import type { SecretsStore, SecretSummary } from '../store';
import { ssmSdk, type SsmClientLike } from './ssm-client';

/** GetParameters takes at most 10 names per call. */
const BATCH_SIZE = 10;
/** Standard-tier parameters hold up to 4 KB; larger values need the advanced tier. */
const STANDARD_TIER_BYTES = 4096;

const isNotFound = (error: unknown) => (error as { name?: string }).name === 'ParameterNotFound';

/** The AWS backend: one SecureString parameter per secret under `<prefix>/<name>`. */
export class SsmSecretsStore implements SecretsStore {
  readonly local = false;
  readonly where: string;

  constructor(
    private readonly client: SsmClientLike,
    private readonly settings: SecretsSettings,
    private readonly region: string,
  ) {
    this.where = `SSM Parameter Store (${region}) under ${settings.prefix}`;
  }

  parameterName(name: string): string {
    return parameterNameOf(this.settings, name);
  }

  async set(name: string, value: string): Promise<void> {
    const { PutParameterCommand } = ssmSdk();
    const parameter = this.parameterName(name);
    await this.call('set', parameter, () =>
      this.client.send(
        new PutParameterCommand({
          Name: parameter,
          Value: value,
          Type: 'SecureString',
          Overwrite: true,
          Description: `Secret ${name} of ${this.settings.service} (${this.settings.stage}), set by stratus`,
          ...(this.settings.kmsKeyId ? { KeyId: this.settings.kmsKeyId } : {}),
          ...(Buffer.byteLength(value) > STANDARD_TIER_BYTES ? { Tier: 'Advanced' as const } : {}),
        }),
      ),
    );
  }

  async get(name: string): Promise<string> {
    const { GetParameterCommand } = ssmSdk();
    const parameter = this.parameterName(name);
    const output = await this.call('read', parameter, () => this.client.send(new GetParameterCommand({ Name: parameter, WithDecryption: true })), name);
    const value = (output as GetParameterCommandOutput).Parameter?.Value;
    if (value === undefined) throw secretsErrors.notFound(name, this.where, this.settings.stage, false);
    return value;
  }

  async getMany(names: readonly string[]): Promise<Map<string, string>> {
    const found = await this.fetch(names, true);
    return new Map([...found].map(([name, parameter]) => [name, parameter.Value ?? '']));
  }

  /** Decrypted values with their parameter versions (deploy mode puts the versions into the template). */
  async valuesWithVersions(names: readonly string[]): Promise<Map<string, { value: string; version: number }>> {
    const found = await this.fetch(names, true);
    return new Map([...found].map(([name, parameter]) => [name, { value: parameter.Value ?? '', version: parameter.Version ?? 0 }]));
  }

  /** Each secret's parameter version, without decrypting (KMS is not needed for this). */
  async versions(names: readonly string[]): Promise<Map<string, number>> {
    const found = await this.fetch(names, false);
    return new Map([...found].map(([name, parameter]) => [name, parameter.Version ?? 0]));
  }

  async list(): Promise<SecretSummary[]> {
    const { GetParametersByPathCommand } = ssmSdk();
    const out: SecretSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = (await this.call('list', `${this.settings.prefix}/`, () =>
        this.client.send(new GetParametersByPathCommand({ Path: this.settings.prefix, Recursive: false, WithDecryption: false, ...(nextToken ? { NextToken: nextToken } : {}) })),
      )) as GetParametersByPathCommandOutput;
      for (const parameter of page.Parameters ?? []) {
        if (!parameter.Name) continue;
        out.push({ name: parameter.Name.slice(this.settings.prefix.length + 1), updatedAt: parameter.LastModifiedDate?.toISOString(), ...(parameter.Version === undefined ? {} : { version: parameter.Version }) });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async remove(name: string): Promise<void> {
    const { DeleteParameterCommand } = ssmSdk();
    const parameter = this.parameterName(name);
    await this.call('remove', parameter, () => this.client.send(new DeleteParameterCommand({ Name: parameter })), name);
  }

  /** Name → parameter for every name; all missing ones are named in one error. */
  private async fetch(names: readonly string[], decrypt: boolean): Promise<Map<string, Parameter>> {
    const { GetParametersCommand } = ssmSdk();
    const byParameter = new Map(names.map((name) => [this.parameterName(name), name]));
    const parameters = [...byParameter.keys()];
    const found = new Map<string, Parameter>();
    for (let start = 0; start < parameters.length; start += BATCH_SIZE) {
      const batch = parameters.slice(start, start + BATCH_SIZE);
      const output = (await this.call('read', batch.join(', '), () => this.client.send(new GetParametersCommand({ Names: batch, WithDecryption: decrypt })))) as GetParametersCommandOutput;
      for (const parameter of output.Parameters ?? []) {
        const name = parameter.Name === undefined ? undefined : byParameter.get(parameter.Name);
        if (name !== undefined) found.set(name, parameter);
      }
    }
    const missing = names.filter((name) => !found.has(name));
    if (missing.length > 0) throw secretsErrors.notSet(missing, this.where, this.settings.stage, false);
    return found;
  }

  private async call(action: string, parameter: string, send: () => Promise<unknown>, secretName?: string): Promise<unknown> {
    try {
      return await send();
    } catch (error) {
      if (secretName !== undefined && isNotFound(error)) throw secretsErrors.notFound(secretName, this.where, this.settings.stage, false);
      throw secretsErrors.awsFailed(action, parameter, this.region, error);
    }
  }
}
