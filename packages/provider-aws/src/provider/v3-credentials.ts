import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AwsClients, StaticCredentials } from '../aws/aws-clients';

/**
 * `getCredentials().credentials` as v3 plugins use it, three ways at once: an SDK v2 credentials
 * object (`accessKeyId`…, `get(callback)`, `getPromise()`, so `new AWS.S3({ credentials })` works),
 * plain fields to read (filled at once when the keys are known without a network call: env
 * variables, `provider.credentials`, a profile with keys), and — being callable — an SDK v3
 * credential provider (`new S3Client({ credentials })`). Everything resolves through the same
 * source the provider's own clients use (`--aws-profile`, `provider.profile`, the default chain).
 */
export interface V2Credentials {
  (): Promise<StaticCredentials & { expiration?: Date }>;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  sessionToken: string | undefined;
  expireTime: Date | null;
  expired: boolean;
  get(callback: (error: unknown) => void): void;
  getPromise(): Promise<void>;
  refresh(callback: (error: unknown) => void): void;
  refreshPromise(): Promise<void>;
  needsRefresh(): boolean;
}

export function createV2Credentials(clients: AwsClients, env: NodeJS.ProcessEnv = process.env): V2Credentials {
  const resolve = async (): Promise<StaticCredentials & { expiration?: Date }> => {
    const identity = await clients.credentialProvider()();
    Object.assign(credentials, {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      sessionToken: identity.sessionToken,
      expireTime: identity.expiration ?? null,
      expired: false,
    });
    return identity;
  };
  const withCallback = (callback: (error: unknown) => void): void => {
    resolve().then(
      () => callback(null),
      (error: unknown) => callback(error),
    );
  };
  const known = knownCredentials(clients, env);
  const credentials: V2Credentials = Object.assign(() => resolve(), {
    accessKeyId: known?.accessKeyId,
    secretAccessKey: known?.secretAccessKey,
    sessionToken: known?.sessionToken,
    expireTime: null,
    expired: false,
    get: withCallback,
    getPromise: async () => {
      await resolve();
    },
    refresh: withCallback,
    refreshPromise: async () => {
      await resolve();
    },
    needsRefresh: () => !credentials.accessKeyId || (credentials.expireTime !== null && credentials.expireTime.getTime() <= Date.now()),
  });
  return credentials;
}

/** Keys that are known without asking anyone: static ones, env variables, or a profile's keys in the ini files. */
function knownCredentials(clients: AwsClients, env: NodeJS.ProcessEnv): StaticCredentials | undefined {
  const source = clients.credentialSource();
  if (source.kind === 'static') return source.credentials;
  if (source.kind === 'profile') return profileKeys(source.profile, env);
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  return profileKeys(env.AWS_PROFILE || 'default', env);
}

/** `aws_access_key_id`… of a profile in the shared credentials file, then in the config file. */
export function profileKeys(profile: string, env: NodeJS.ProcessEnv = process.env): StaticCredentials | undefined {
  const home = os.homedir();
  const files: Array<[string, string]> = [
    [env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'), profile],
    [env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), profile === 'default' ? 'default' : `profile ${profile}`],
  ];
  for (const [file, section] of files) {
    const values = readIniSection(file, section);
    const accessKeyId = values?.aws_access_key_id;
    const secretAccessKey = values?.aws_secret_access_key;
    if (accessKeyId && secretAccessKey) {
      const sessionToken = values.aws_session_token;
      return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
    }
  }
  return undefined;
}

function readIniSection(file: string, section: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let current: string | undefined;
  let found: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header) {
      current = header[1];
      if (current === section) found ??= {};
      continue;
    }
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (pair && current === section && found) found[(pair[1] as string).toLowerCase()] = pair[2] as string;
  }
  return found;
}
