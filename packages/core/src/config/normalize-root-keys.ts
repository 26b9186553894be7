import { StratusError } from '../errors/stratus-error';
import { formatLocation, type LocateProperty } from './locate';

/**
 * Checks the keys every v3 service must have before anything else runs — `service` (a string)
 * and `provider` — and expands the `provider: aws` shorthand to `{ name: 'aws' }`.
 * Everything else is left to schema validation, once plugins have extended the schema.
 */
export function normalizeRootKeys(value: unknown, fileName: string, locate: LocateProperty): Record<string, unknown> {
  const configuration = requireMapping(value, fileName);
  checkService(configuration, fileName, locate);
  configuration.provider = normalizeProvider(configuration, fileName, locate);
  return configuration;
}

function requireMapping(value: unknown, fileName: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  const found = value === null || value === undefined ? 'it is empty' : Array.isArray(value) ? 'it holds a list' : `it holds a single ${typeof value}`;
  throw new StratusError('CONFIG_NOT_AN_OBJECT', `"${fileName}" must hold a mapping of configuration keys (service, provider, functions, …), but ${found}.`, {
    hint: 'Start the file with `service: my-service` and `provider: { name: aws }`.',
  });
}

function checkService(configuration: Record<string, unknown>, fileName: string, locate: LocateProperty): void {
  const { service } = configuration;
  if (service === undefined || service === null) {
    throw new StratusError('CONFIG_MISSING_SERVICE', `"${fileName}" has no "service" property.`, {
      hint: 'Add the service name at the top of the file, e.g. `service: my-service`.',
    });
  }
  if (typeof service !== 'string' || service.trim() === '') {
    const problem = typeof service === 'object' ? 'the object form ("service: { name: … }") is not supported' : `found ${JSON.stringify(service)}`;
    throw new StratusError('CONFIG_INVALID_SERVICE', `${formatLocation(locate(['service']))} "service" must be a non-empty string (the service name); ${problem}.`, {
      hint: 'Write the name directly: `service: my-service`.',
    });
  }
}

function normalizeProvider(configuration: Record<string, unknown>, fileName: string, locate: LocateProperty): unknown {
  const { provider } = configuration;
  if (provider === undefined || provider === null) {
    throw new StratusError('CONFIG_MISSING_PROVIDER', `"${fileName}" has no "provider" property.`, {
      hint: 'Add the provider, e.g. `provider: { name: aws, runtime: nodejs20.x }` (or the shorthand `provider: aws`).',
    });
  }
  if (typeof provider === 'string' && provider.trim() !== '') {
    // `provider: ${file(…)}` is resolved later by the variables engine; only a plain name is shorthand.
    return provider.includes('${') ? provider : { name: provider };
  }
  if (typeof provider === 'object' && !Array.isArray(provider)) {
    const { name } = provider as Record<string, unknown>;
    if (typeof name === 'string' && name.trim() !== '') return provider;
    throw new StratusError('CONFIG_INVALID_PROVIDER', `${formatLocation(locate(['provider', 'name']))} "provider.name" must be a non-empty string${name === undefined ? ', but it is missing' : ''}.`, {
      hint: 'Name the provider, e.g. `provider: { name: aws }`.',
    });
  }
  throw new StratusError('CONFIG_INVALID_PROVIDER', `${formatLocation(locate(['provider']))} "provider" must be a provider name or an object with "name"; found ${JSON.stringify(provider)}.`, {
    hint: 'Write `provider: { name: aws, … }` (or the shorthand `provider: aws`).',
  });
}
