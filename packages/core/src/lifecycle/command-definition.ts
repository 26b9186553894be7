/** How commands are declared: the v3 shape, so v3 plugins' `commands` objects are accepted as is. */
export type OptionType = 'string' | 'boolean' | 'multiple';

export interface OptionDefinition {
  usage?: string;
  shortcut?: string;
  required?: boolean;
  default?: unknown;
  type?: OptionType;
}

export interface CommandDefinition {
  usage?: string;
  lifecycleEvents?: string[];
  options?: Record<string, OptionDefinition>;
  commands?: Record<string, CommandDefinition>;
  /** `entrypoint`: internal, reachable only through spawn. `container`: groups sub-commands, shows help. */
  type?: 'entrypoint' | 'container';
  aliases?: string[];
  /** Whether the command needs a service configuration (`serverless.yml`). Default: true. */
  configDependent?: boolean;
  /** Whether the command needs the provider package named in `provider.name`. Default: true. */
  providerDependent?: boolean;
}

/** Options every command accepts, as in v3. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionDefinition>> = {
  config: { usage: 'Path to the service configuration file (in the current directory)', shortcut: 'c', type: 'string' },
  stage: { usage: 'Stage of the service', shortcut: 's', type: 'string' },
  region: { usage: 'Region of the service', shortcut: 'r', type: 'string' },
  param: { usage: 'Parameter as "name=value" (repeatable)', type: 'multiple' },
  'aws-profile': { usage: 'AWS profile to use', type: 'string' },
  help: { usage: 'Show help', shortcut: 'h', type: 'boolean' },
  version: { usage: 'Show the version', shortcut: 'v', type: 'boolean' },
  verbose: { usage: 'Show verbose logs', type: 'boolean' },
  debug: { usage: 'Show debug logs and stacks of internal errors', type: 'string' },
};
