import { ConfigSchemaHandler, type ProviderSchemaDefinition } from '../config-schema-handler';
import type { JsonSchema } from '../json-schema';

/** A small AWS-like provider: enough shapes ($ref definitions, anyOf string|object events) to exercise the filters. */
export const awsLike = (): ProviderSchemaDefinition => ({
  definitions: {
    awsArn: {
      anyOf: [
        { type: 'string', pattern: '^arn:' },
        { type: 'object', properties: { 'Fn::GetAtt': { type: 'array' }, Ref: { type: 'string' } }, additionalProperties: false },
      ],
    },
  },
  provider: {
    properties: {
      runtime: { enum: ['nodejs18.x', 'nodejs20.x'] },
      memorySize: { type: 'integer' },
      timeout: { type: 'integer' },
      tags: { type: 'object' },
    },
  },
  function: {
    properties: {
      handler: { type: 'string' },
      memorySize: { type: 'integer' },
      timeout: { type: 'integer', minimum: 1, maximum: 900 },
      layers: { type: 'array', items: { type: 'string' } },
    },
  },
  functionEvents: {
    http: {
      anyOf: [
        { type: 'string', regexp: '/^(get|post) \\//i' },
        {
          type: 'object',
          properties: { path: { type: 'string' }, method: { enum: ['get', 'post'] }, cors: { type: 'boolean' } },
          required: ['path', 'method'],
          additionalProperties: false,
        },
      ],
    },
    schedule: {
      anyOf: [
        { type: 'string', pattern: '^rate\\(\\d+ minutes?\\)$' },
        { type: 'object', properties: { rate: { type: 'string' }, enabled: { type: 'boolean' } }, required: ['rate'], additionalProperties: false },
      ],
    },
    sqs: { anyOf: [{ $ref: '#/definitions/awsArn' }, { type: 'object', properties: { arn: { $ref: '#/definitions/awsArn' }, batchSize: { type: 'integer' } }, required: ['arn'], additionalProperties: false }] },
    sns: { anyOf: [{ type: 'string' }, { type: 'object', properties: { arn: { $ref: '#/definitions/awsArn' }, topicName: { type: 'string' } }, additionalProperties: false }] },
  },
});

export function awsSchema(): JsonSchema {
  const handler = new ConfigSchemaHandler({ providerName: 'aws' });
  handler.forOwner('provider-aws').defineProvider('aws', awsLike());
  return handler.schema;
}
