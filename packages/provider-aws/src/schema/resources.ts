import { closedObject, type JsonSchema } from './json-schema';

/** CloudFormation logical ids: alphanumeric, up to 255. */
export const LOGICAL_ID_PATTERN = '^[a-zA-Z0-9]{1,255}$';

const mapOf = (value: JsonSchema): JsonSchema => ({
  type: 'object',
  patternProperties: { [LOGICAL_ID_PATTERN]: value },
  additionalProperties: false,
});

/**
 * `resources`: CloudFormation merged into the compiled template. Each section is checked only as
 * far as the template needs (a resource is an object with a string `Type`, an output has a
 * `Value`); what a resource type accepts is CloudFormation's business.
 */
export const resourcesSchema: JsonSchema = closedObject({
  AWSTemplateFormatVersion: { type: 'string' },
  Description: { type: 'string' },
  Metadata: { type: 'object' },
  Parameters: mapOf({ type: 'object', properties: { Type: { type: 'string' } }, required: ['Type'] }),
  Rules: { type: 'object' },
  Mappings: { type: 'object' },
  Conditions: mapOf({ type: 'object' }),
  Transform: { anyOf: [{ type: 'string' }, { type: 'array' }, { type: 'object' }] },
  Resources: {
    type: 'object',
    properties: { 'Fn::Transform': { type: 'object' } },
    patternProperties: {
      // A lone `DependsOn: X` becomes `[X]` (coercion), as in the templates v3 compiles.
      [LOGICAL_ID_PATTERN]: {
        type: 'object',
        properties: { Type: { type: 'string', minLength: 1 }, DependsOn: { type: 'array', items: { type: 'string' } } },
        required: ['Type'],
      },
    },
    additionalProperties: false,
  },
  Outputs: mapOf({ type: 'object', required: ['Value'] }),
  // Changes to resources the framework generates, merged into them (`Properties`, `DependsOn`, …).
  extensions: mapOf({
    type: 'object',
    properties: {
      Properties: { type: 'object' },
      CreationPolicy: { type: 'object' },
      DeletionPolicy: { type: 'string' },
      DependsOn: { type: ['string', 'array'], items: { type: 'string' } },
      Metadata: { type: 'object' },
      UpdatePolicy: { type: 'object' },
      UpdateReplacePolicy: { type: 'string' },
      Condition: { type: 'string' },
    },
    additionalProperties: false,
  }),
});
