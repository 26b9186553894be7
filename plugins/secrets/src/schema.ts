import type { JsonSchema, SchemaDefiner } from '@stratus/core';

const secretsList: JsonSchema = { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,128}$' } };

/** `functions.<fn>.secrets` and `custom.secrets`. (`provider.secrets` is handled in SecretsRun: the provider schema is closed.) */
export function defineSecretsSchema(schema: SchemaDefiner): void {
  schema.defineFunctionProperties('aws', { properties: { secrets: secretsList } });
  schema.defineCustomProperties({
    properties: {
      secrets: {
        type: 'object',
        properties: {
          mode: { enum: ['runtime', 'deploy'] },
          prefix: { type: 'string', pattern: '^(/[A-Za-z0-9_.-]+)+/?$' },
          kmsKeyId: { type: 'string' },
          keyFile: { type: 'string' },
        },
        additionalProperties: false,
      },
    },
  });
}
