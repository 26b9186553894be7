import type { SchemaDefiner } from '@stratus/core';
import { HTTP_METHODS } from './http-event';

/** A JSON schema fragment, as `api.schema.defineFunctionEvent` takes it. */
export type JsonSchema = Parameters<SchemaDefiner['defineFunctionEvent']>[2];

/**
 * Values CloudFormation may compute (`{ Ref }`, `{ Fn::ImportValue }`, …) refer to the shared
 * definitions the AWS provider installs (`awsCfInstruction`, `awsArn`), as v3's schema did.
 */
const cfInstruction = (): JsonSchema => ({ $ref: '#/definitions/awsCfInstruction' });
const arn = (): JsonSchema => ({ $ref: '#/definitions/awsArn' });

const caseInsensitive = (...values: string[]): JsonSchema => ({ type: 'string', regexp: `/^(?:${values.join('|')})$/i` });
const stringArray = (): JsonSchema => ({ type: 'array', items: { type: 'string' } });
const stringMap = (): JsonSchema => ({ type: 'object', additionalProperties: { type: 'string' } });
const contentHandling = (): JsonSchema => ({ enum: ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] });

// v3's expressions, verbatim, so validation messages read the same. They admit `*`, which no
// compiler can turn into a method: normalisation rejects it with HTTP_INVALID_METHOD.
const methodPattern = `/^(?:\\*|${HTTP_METHODS.join('|')})$/i`;
/** The short form: `GET /users/{id}` (v3 wants the leading slash; without it validation warns, compilation still works). */
const shortFormPattern = `/^(?:\\*|(${HTTP_METHODS.join('|')}) (\\/\\S*))$/i`;

const requestParameters = (): JsonSchema => ({
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'boolean' },
      { type: 'object', properties: { required: { type: 'boolean' }, mappedValue: cfInstruction() }, additionalProperties: false },
    ],
  },
});

const authorizer = (): JsonSchema => ({
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        arn: arn(),
        authorizerId: cfInstruction(),
        claims: stringArray(),
        identitySource: { type: 'string' },
        identityValidationExpression: { type: 'string' },
        managedExternally: { type: 'boolean' },
        name: { type: 'string' },
        resultTtlInSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
        scopes: stringArray(),
        type: caseInsensitive('token', 'cognito_user_pools', 'request', 'aws_iam', 'custom'),
      },
      additionalProperties: false,
    },
  ],
});

const cors = (): JsonSchema => ({
  anyOf: [
    { type: 'boolean' },
    {
      type: 'object',
      properties: {
        allowCredentials: { type: 'boolean' },
        cacheControl: { type: 'string' },
        headers: stringArray(),
        maxAge: { type: 'integer', minimum: 1 },
        methods: { type: 'array', items: { enum: [...HTTP_METHODS] } },
        origin: { type: 'string' },
        origins: stringArray(),
      },
      additionalProperties: false,
    },
  ],
});

const request = (): JsonSchema => ({
  type: 'object',
  properties: {
    contentHandling: contentHandling(),
    method: { type: 'string', regexp: methodPattern },
    parameters: {
      type: 'object',
      properties: { querystrings: requestParameters(), headers: requestParameters(), paths: requestParameters() },
      additionalProperties: false,
    },
    passThrough: { enum: ['NEVER', 'WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES'] },
    schemas: { type: 'object', additionalProperties: { anyOf: [{ type: 'object' }, { type: 'string' }] } },
    template: stringMap(),
    uri: cfInstruction(),
  },
  additionalProperties: false,
});

const response = (): JsonSchema => ({
  type: 'object',
  properties: {
    contentHandling: contentHandling(),
    headers: stringMap(),
    template: { type: 'string' },
    statusCodes: {
      type: 'object',
      propertyNames: { type: 'string', pattern: '^\\d{3}$' },
      additionalProperties: {
        type: 'object',
        properties: {
          headers: stringMap(),
          pattern: { type: 'string' },
          template: { anyOf: [{ type: 'string' }, stringMap()] },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
});

/**
 * A fresh copy of the `http` event schema: the short form `GET /path`, or the object form. The
 * schema handler keeps (and may extend) what it is given, so each registration gets its own.
 */
export function createHttpEventSchema(): JsonSchema {
  return {
    anyOf: [
      { type: 'string', regexp: shortFormPattern },
      {
        type: 'object',
        properties: {
          async: { type: 'boolean' },
          authorizer: authorizer(),
          connectionId: cfInstruction(),
          connectionType: caseInsensitive('vpc-link', 'vpc_link'),
          cors: cors(),
          integration: caseInsensitive('lambda_proxy', 'lambda-proxy', 'lambda', 'aws', 'aws_proxy', 'aws-proxy', 'http', 'http_proxy', 'http-proxy', 'mock'),
          method: { type: 'string', regexp: methodPattern },
          operationId: { type: 'string' },
          path: { type: 'string', regexp: '/^(?:\\*|\\/?\\S*)$/' },
          private: { type: 'boolean' },
          request: request(),
          response: response(),
        },
        required: ['path', 'method'],
        additionalProperties: false,
      },
    ],
  };
}

/** The `http` event schema (registered for provider `aws` as `functions.*.events[].http`). */
export const httpEventSchema: JsonSchema = createHttpEventSchema();
