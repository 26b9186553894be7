/**
 * Test helper: validates a configuration against the core schema extended with the AWS provider
 * schema, the way the CLI does. The schema handler and validator are internal to the core, so
 * they come from its built `dist/schema` (tests only).
 */
import { parseYamlWithLocations } from '@stratus/core/dist/config';
import { ConfigSchemaHandler, validateConfiguration, type ConfigProblem, type JsonSchema } from '@stratus/core/dist/schema';
import { createAwsProviderSchema } from '../index';

let cachedSchema: JsonSchema | undefined;

/** The core schema with the AWS provider defined (one per test run: compiling it takes a moment). */
export function awsSchema(): JsonSchema {
  if (cachedSchema === undefined) {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('@stratus/provider-aws').defineProvider('aws', createAwsProviderSchema());
    cachedSchema = handler.schema;
  }
  return cachedSchema;
}

export interface Checked {
  configuration: Record<string, unknown>;
  problems: ConfigProblem[];
  /** `path: message (suggestion)`, one per problem, in file order. */
  brief: string[];
}

export function brief(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${p.path}: ${p.message}${p.suggestion ? ` (${p.suggestion})` : ''}`);
}

/** Validates already-parsed configuration (mutated: ajv coerces in place). */
export function checkConfiguration(configuration: Record<string, unknown>, options: { schema?: JsonSchema; locate?: Parameters<typeof validateConfiguration>[0]['locate'] } = {}): Checked {
  const problems = validateConfiguration({
    configuration,
    schema: options.schema ?? awsSchema(),
    mode: 'warn',
    fileName: 'serverless.yml',
    locate: options.locate ?? (() => ({ file: 'serverless.yml' })),
  });
  return { configuration, problems, brief: brief(problems) };
}

/** Parses YAML lines and validates them. */
export function checkYaml(lines: string[], options: { schema?: JsonSchema } = {}): Checked {
  const { value, locate } = parseYamlWithLocations(lines.join('\n'), 'serverless.yml');
  return checkConfiguration(value as Record<string, unknown>, { ...options, locate });
}

/** A minimal valid service; `provider` and `functions` lines are appended by callers. */
export const SERVICE = ['service: my-service', 'provider:', '  name: aws'];

/** A service whose provider section is `providerLines` (indented by two already). */
export function withProvider(...providerLines: string[]): string[] {
  return [...SERVICE, ...providerLines];
}

/** A service with one function `hello` whose body is `functionLines` (indented by four already). */
export function withFunction(...functionLines: string[]): string[] {
  return [...SERVICE, 'functions:', '  hello:', ...functionLines];
}
