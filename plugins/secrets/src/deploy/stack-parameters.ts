import { logicalIds } from '../names';
import { parameterNameOf, type SecretsSettings } from '../settings';

type Config = Record<string, unknown>;

interface StackParameter {
  ParameterKey: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

function parametersOf(template: Config): Record<string, Config> {
  if (template.Parameters === null || typeof template.Parameters !== 'object') template.Parameters = {};
  return template.Parameters as Record<string, Config>;
}

const describe = (name: string, parameter: string, version?: number) => `Secret ${name} (SSM ${parameter}${version === undefined ? '' : `, version ${version}`})`;

/**
 * Deploy mode: one NoEcho template parameter per secret. The template and `.serverless/` only
 * ever hold `{ Ref: StratusSecret… }`; the value travels as a stack parameter at deploy time.
 */
export function addTemplateParameters(template: Config, names: readonly string[], settings: SecretsSettings): void {
  const parameters = parametersOf(template);
  for (const [id, name] of logicalIds(names)) {
    parameters[id] = { Type: 'String', NoEcho: true, Description: describe(name, parameterNameOf(settings, name)) };
  }
}

/**
 * Put each parameter's SSM version into its description, so a rotated secret changes the
 * template and the deploy is not skipped as "unchanged" (the version is not secret).
 */
export function recordVersions(template: Config, versions: ReadonlyMap<string, number>, settings: SecretsSettings): void {
  const parameters = parametersOf(template);
  for (const [id, name] of logicalIds(versions.keys())) {
    const parameter = parameters[id];
    if (parameter) parameter.Description = describe(name, parameterNameOf(settings, name), versions.get(name));
  }
}

/** Add the values to `provider.stackParameters` (in memory only, after `.serverless/` is written); returns their keys. */
export function addStackParameterValues(provider: Config, values: ReadonlyMap<string, string>): string[] {
  const ids = logicalIds(values.keys());
  const existing = Array.isArray(provider.stackParameters) ? (provider.stackParameters as StackParameter[]) : [];
  const ours: StackParameter[] = [...ids].map(([id, name]) => ({ ParameterKey: id, ParameterValue: values.get(name) as string }));
  provider.stackParameters = [...existing.filter((parameter) => !ids.has(parameter.ParameterKey)), ...ours];
  return [...ids.keys()];
}

export function removeStackParameterValues(provider: Config, keys: readonly string[]): void {
  if (!Array.isArray(provider.stackParameters)) return;
  const remaining = (provider.stackParameters as StackParameter[]).filter((parameter) => !keys.includes(parameter.ParameterKey));
  if (remaining.length > 0) provider.stackParameters = remaining;
  else delete provider.stackParameters;
}
