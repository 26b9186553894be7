import { secretsErrors } from './errors';
import { assertSecretName } from './names';

/** Which secrets the service uses, read once every variable is resolved. */
export interface SecretsUsage {
  /** Function key → the secrets it declares (`provider.secrets`, then its own `secrets:`), no duplicates. */
  byFunction: Map<string, string[]>;
  /** Every secret the service uses: the lists and each `${secret:NAME}`, sorted. */
  all: string[];
}

export const EMPTY_USAGE: SecretsUsage = { byFunction: new Map(), all: [] };

/** A `secrets:` list: absent → empty; anything but a list of valid names is an error naming the key. */
export function readSecretsList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw secretsErrors.invalidList(where, `found ${typeof value}`);
  return value.map((item, index) => assertSecretName(item, `${where}[${index}]`));
}

export function collectUsage(configuration: Record<string, unknown>, providerSecrets: unknown, referenced: Iterable<string>): SecretsUsage {
  const shared = readSecretsList(providerSecrets, 'provider.secrets');
  const functions = configuration.functions;
  const byFunction = new Map<string, string[]>();
  const all = new Set<string>([...shared, ...referenced]);
  if (functions !== null && typeof functions === 'object') {
    for (const [key, fn] of Object.entries(functions as Record<string, unknown>)) {
      const own = readSecretsList((fn as Record<string, unknown> | null)?.secrets, `functions.${key}.secrets`);
      const names = [...new Set([...shared, ...own])];
      for (const name of own) all.add(name);
      if (names.length > 0) byFunction.set(key, names);
    }
  }
  return { byFunction, all: [...all].sort() };
}
