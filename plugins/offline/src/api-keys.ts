import { randomBytes } from 'node:crypto';
import { asRecord } from './local-functions';

export interface ApiKeys {
  /** Accepted `x-api-key` values. */
  values: Set<string>;
  /** True when a key had to be generated (no configured key has a value). */
  generated: boolean;
}

/** Values from `provider.apiGateway.apiKeys`: strings, `{ name, value }`, or usage-plan groups `{ plan: [keys] }`. */
function collect(entries: unknown, into: Set<string>): void {
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    if (typeof entry === 'string') {
      if (entry !== '') into.add(entry);
      continue;
    }
    const record = asRecord(entry);
    if (typeof record.value === 'string' && record.value !== '') into.add(record.value);
    else if (!('name' in record) && !('value' in record)) for (const group of Object.values(record)) collect(group, into);
  }
}

/**
 * The keys `private: true` routes accept. When a private route exists and no key has a value
 * (AWS would generate them), one random key is generated; the server prints the keys at start.
 */
export function resolveApiKeys(configuration: Record<string, unknown>, hasPrivateRoute: boolean): ApiKeys {
  const provider = asRecord(configuration.provider);
  const values = new Set<string>();
  collect(asRecord(provider.apiGateway).apiKeys, values);
  collect(provider.apiKeys, values); // the v2-era location v3 still reads
  if (hasPrivateRoute && values.size === 0) {
    values.add(randomBytes(20).toString('hex'));
    return { values, generated: true };
  }
  return { values, generated: false };
}

/** Whether a request to a private route may go on: its `x-api-key` is one of the keys. */
export function isApiKeyAccepted(keys: ApiKeys, header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && keys.values.has(value);
}
