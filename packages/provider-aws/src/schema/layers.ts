import { closedObject, ref, stringArray, type JsonSchema } from './json-schema';

/** Layer keys under `layers:` (they become `<Name>LambdaLayer` logical ids). */
export const LAYER_NAME_PATTERN = '^[a-zA-Z0-9-_]+$';

/** One layer: a folder (`path`) or a prebuilt zip (`package.artifact`), and who may use it. */
const layerSchema: JsonSchema = {
  ...closedObject({
    path: { type: 'string' },
    name: { type: 'string', pattern: '^[a-zA-Z0-9-_]{1,140}$' },
    description: { type: 'string', maxLength: 256 },
    compatibleRuntimes: { type: 'array', items: ref('awsLambdaRuntime'), maxItems: 15 },
    compatibleArchitectures: { type: 'array', items: ref('awsLambdaArchitecture'), maxItems: 2 },
    licenseInfo: { type: 'string', maxLength: 512 },
    // Account ids, or `*` for everyone.
    allowedAccounts: { type: 'array', items: { anyOf: [{ const: '*' }, ref('awsAccountId')] } },
    // Keep old versions when a new one is deployed.
    retain: { type: 'boolean' },
    package: closedObject({
      artifact: { type: 'string' },
      patterns: stringArray(),
      include: stringArray(),
      exclude: stringArray(),
    }),
  }),
  // Without a prebuilt artifact, the layer's folder is required.
  if: { not: { properties: { package: { required: ['artifact'] } }, required: ['package'] } },
  then: { required: ['path'] },
};

/** `layers`: the service's Lambda layers, by key. */
export const layersSchema: JsonSchema = {
  type: 'object',
  patternProperties: { [LAYER_NAME_PATTERN]: layerSchema },
  additionalProperties: false,
};
