/**
 * The configuration schema of the AWS provider: what `provider`, each function, `resources` and
 * `layers` may contain. The provider plugin registers it with
 * `api.schema.defineProvider('aws', awsProviderSchema)`; event packages add their events, and
 * may `$ref` the shared `aws…` definitions (`awsArn`, `awsCfFunction`, `awsCfInstruction`, …).
 */
import { createDefinitions } from './definitions';
import { functionSchema } from './function';
import type { JsonSchema } from './json-schema';
import { layersSchema } from './layers';
import { providerSchema } from './provider';
import { resourcesSchema } from './resources';

/** What `defineProvider` takes (the core's `ProviderSchemaDefinition`, without `functionEvents`). */
export interface AwsProviderSchema {
  definitions: Record<string, JsonSchema>;
  provider: JsonSchema;
  function: JsonSchema;
  resources: JsonSchema;
  layers: JsonSchema;
}

/**
 * A fresh copy of the schema. The core keeps the objects it is given and plugins may extend them
 * in place, so each schema handler that needs isolation (tests, several services in one process)
 * can have its own.
 */
export function createAwsProviderSchema(): AwsProviderSchema {
  return structuredClone({
    definitions: createDefinitions(),
    provider: providerSchema,
    function: functionSchema,
    resources: resourcesSchema,
    layers: layersSchema,
  });
}

export const awsProviderSchema: AwsProviderSchema = createAwsProviderSchema();

export { AWS_ARCHITECTURES, AWS_RUNTIMES, type AwsRuntime } from './runtimes';
export { LAMBDA_MAX_TIMEOUT_SECONDS, LOG_RETENTION_DAYS } from './lambda-settings';
export type { JsonSchema } from './json-schema';
