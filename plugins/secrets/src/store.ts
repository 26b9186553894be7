/** One row of `stratus secrets list`: names and metadata only, never values. */
export interface SecretSummary {
  name: string;
  updatedAt: string | undefined;
  version?: number;
}

/** What `stratus secrets` and the hooks need from a backend (SSM, or the local encrypted file). */
export interface SecretsStore {
  /** For messages: `SSM Parameter Store (us-east-1) under /shop/dev` or the file's path. */
  readonly where: string;
  readonly local: boolean;
  set(name: string, value: string): Promise<void>;
  get(name: string): Promise<string>;
  /** Every value asked for; one error names all that are missing. */
  getMany(names: readonly string[]): Promise<Map<string, string>>;
  list(): Promise<SecretSummary[]>;
  remove(name: string): Promise<void>;
}
