import type { SchemaDefiner } from '@stratus/core';

/** A JSON schema fragment as `defineFunctionEvent` takes it. */
export type EventSchema = Parameters<SchemaDefiner['defineFunctionEvent']>[2];

/** SNS topic names as v3 accepts them in `sns` events: letters, digits, `-` and `_`, up to 256 characters. */
export const TOPIC_NAME_PATTERN = '^[\\w-]+$';

const topicName: EventSchema = { type: 'string', maxLength: 256, pattern: TOPIC_NAME_PATTERN };
/** The AWS provider's shared definitions (`#/definitions/aws…`). */
const arnString: EventSchema = { $ref: '#/definitions/awsArnString' };
const arnOrIntrinsic: EventSchema = { $ref: '#/definitions/awsArn' };

/**
 * The `sns` event as v3 accepts it: a topic name (the stack creates the topic), a topic ARN (an
 * existing topic), or an object naming the topic by `topicName` and/or `arn` with subscription settings.
 */
export const snsEventSchema: EventSchema = {
  anyOf: [
    topicName,
    arnString,
    {
      type: 'object',
      properties: {
        arn: arnOrIntrinsic,
        topicName,
        displayName: { type: 'string', minLength: 1 },
        kmsMasterKeyId: { anyOf: [{ type: 'string', minLength: 1 }, { $ref: '#/definitions/awsCfFunction' }] },
        filterPolicy: { type: 'object' },
        filterPolicyScope: { type: 'string' },
        redrivePolicy: {
          type: 'object',
          properties: {
            deadLetterTargetArn: arnString,
            deadLetterTargetRef: { type: 'string', minLength: 1 },
            /** Names of CloudFormation exports holding the queue's ARN and URL. */
            deadLetterTargetImport: {
              type: 'object',
              properties: { arn: { type: 'string', minLength: 1 }, url: { type: 'string', minLength: 1 } },
              required: ['arn', 'url'],
              additionalProperties: false,
            },
          },
          oneOf: [{ required: ['deadLetterTargetArn'] }, { required: ['deadLetterTargetRef'] }, { required: ['deadLetterTargetImport'] }],
          additionalProperties: false,
        },
      },
      anyOf: [{ required: ['arn'] }, { required: ['topicName'] }],
      additionalProperties: false,
    },
  ],
};
