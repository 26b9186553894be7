import { closedObject, corsSettings, ref, stringArray, type JsonSchema } from './json-schema';

/**
 * One string or a list. A union type, not an `anyOf` of the two: with the core's `coerceTypes:
 * 'array'`, an `anyOf` would rewrite one of the forms into the other (`[x]` ↔ `x`).
 */
function stringOrList(item: JsonSchema): JsonSchema {
  return { type: ['string', 'array'], items: item };
}

const quota = (): JsonSchema =>
  closedObject({
    limit: { type: 'integer', minimum: 0 },
    offset: { type: 'integer', minimum: 0 },
    period: { type: 'string', enum: ['DAY', 'WEEK', 'MONTH'] },
  });

const throttle = (): JsonSchema =>
  closedObject({
    burstLimit: { type: 'integer', minimum: 0 },
    rateLimit: { type: 'number', minimum: 0 },
  });

const usagePlan = (): JsonSchema => closedObject({ quota: quota(), throttle: throttle() });

/** An API key: its name, or its full definition. */
const apiKey = (): JsonSchema => ({
  anyOf: [
    { type: 'string' },
    closedObject(
      {
        name: { type: 'string' },
        value: { type: 'string', minLength: 20 },
        description: { type: 'string' },
        customerId: { type: 'string' },
        enabled: { type: 'boolean' },
      },
      { required: ['name'] },
    ),
  ],
});

/**
 * `provider.apiGateway`: the REST API (API Gateway v1) shared by `http` events — whether to
 * reuse an existing one, its keys and usage plans, and API-wide settings.
 */
export const apiGatewaySchema: JsonSchema = closedObject({
  restApiId: ref('awsCfInstruction'),
  restApiRootResourceId: ref('awsCfInstruction'),
  // Existing resources to attach paths under, as `path → id` or `[{ path, resourceId }]`.
  restApiResources: {
    anyOf: [
      { type: 'object', additionalProperties: ref('awsCfInstruction') },
      {
        type: 'array',
        items: closedObject({ path: { type: 'string' }, resourceId: ref('awsCfInstruction') }, { required: ['path', 'resourceId'] }),
      },
    ],
  },
  websocketApiId: ref('awsCfInstruction'),
  // Keys, or keys grouped by the usage plan they belong to (`- free: [key1]`).
  apiKeys: {
    type: 'array',
    items: { anyOf: [apiKey(), { type: 'object', additionalProperties: { type: 'array', items: apiKey() }, minProperties: 1, maxProperties: 1 }] },
  },
  // One plan, or named plans (`- free: { quota, throttle }`).
  usagePlan: {
    anyOf: [usagePlan(), { type: 'array', items: { type: 'object', additionalProperties: usagePlan(), minProperties: 1, maxProperties: 1 } }],
  },
  apiKeySourceType: { type: 'string', regexp: '/^(HEADER|AUTHORIZER)$/i' },
  binaryMediaTypes: stringArray({ items: { type: 'string', pattern: '^\\S+/\\S+$' } }),
  minimumCompressionSize: { type: 'integer', minimum: 0, maximum: 10485760 },
  description: { type: 'string' },
  disableDefaultEndpoint: { type: 'boolean' },
  metrics: { type: 'boolean' },
  shouldStartNameWithService: { type: 'boolean' },
  resourcePolicy: ref('awsResourcePolicyStatements'),
  // The stage name, for services that share an API across stages.
  stage: { type: 'string' },
  // Integration timeout of `http` events, 50 ms – 29 s.
  timeoutInMillis: { type: 'integer', minimum: 50, maximum: 29000 },
  // Request models: `schemas: { name: { schema, name, description } }`, referred to by events.
  request: closedObject({
    schemas: {
      type: 'object',
      additionalProperties: closedObject(
        {
          schema: { anyOf: [{ type: 'object' }, { type: 'string' }] },
          name: { type: 'string' },
          description: { type: 'string' },
        },
        { required: ['schema'] },
      ),
    },
  }),
});

/** `provider.httpApi`: the HTTP API (API Gateway v2) shared by `httpApi` events. */
export const httpApiSchema: JsonSchema = closedObject({
  id: ref('awsCfInstruction'),
  name: { type: 'string' },
  // `'2.0'` (quoted: an unquoted 2.0 is the number 2, coerced to `'2'`).
  payload: { type: 'string' },
  cors: corsSettings(),
  authorizers: {
    type: 'object',
    additionalProperties: closedObject({
      type: { type: 'string', regexp: '/^(jwt|request)$/i' },
      name: { type: 'string' },
      functionName: { type: 'string' },
      functionArn: ref('awsCfInstruction'),
      managedExternally: { type: 'boolean' },
      resultTtlInSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
      enableSimpleResponses: { type: 'boolean' },
      payloadVersion: { type: 'string' },
      identitySource: stringOrList({ type: 'string' }),
      issuerUrl: ref('awsCfInstruction'),
      audience: { anyOf: [stringOrList(ref('awsCfInstruction')), ref('awsCfFunction')] },
    }),
  },
  disableDefaultEndpoint: { type: 'boolean' },
  metrics: { type: 'boolean' },
  shouldStartNameWithService: { type: 'boolean' },
  useProviderTags: { type: 'boolean' },
});

/** `provider.websocket`. The API's name, route selection and description are top-level `websockets*` keys. */
export const websocketSchema: JsonSchema = closedObject({ useProviderTags: { type: 'boolean' } });
