import { secretsErrors } from './errors';

/** One segment of an SSM parameter name. */
const SECRET_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
/** What Lambda accepts as an environment variable name (deploy mode puts each value in one). */
const ENVIRONMENT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function assertSecretName(name: unknown, where: string): string {
  if (typeof name !== 'string' || !SECRET_NAME.test(name)) throw secretsErrors.invalidName(String(name), where);
  return name;
}

export function assertEnvironmentName(name: string, where: string): string {
  if (!ENVIRONMENT_NAME.test(name)) throw secretsErrors.invalidName(name, where, 'a letter, then letters, digits and "_" (deploy mode makes it an environment variable)');
  return name;
}

/** The CloudFormation parameter of a secret in deploy mode: `DB_PASSWORD` → `StratusSecretDBPASSWORD`. */
export function logicalIdOf(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return `StratusSecret${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}`;
}

/** Logical id → secret name, refusing two names that map to one id. */
export function logicalIds(names: Iterable<string>): Map<string, string> {
  const byId = new Map<string, string>();
  for (const name of names) {
    const id = logicalIdOf(name);
    const other = byId.get(id);
    if (other !== undefined && other !== name) throw secretsErrors.logicalIdCollision(other, name, id);
    byId.set(id, name);
  }
  return byId;
}
