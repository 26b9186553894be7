import { StratusError } from '@stratus/core';

/** Where an event is written: `functions.<key>.events[<index>]`. */
export interface EventLocation {
  functionKey: string;
  index: number;
}

/** `functions.notify.events[0].sns`, or just `sns event` when the location is unknown. */
export function eventPath(where: EventLocation | undefined): string {
  return where ? `functions.${where.functionKey}.events[${where.index}].sns` : 'sns event';
}

// Error factories, alphabetised by code. Every message names the event; every hint says what to do.

export function snsInvalidDefinition(where: EventLocation | undefined, detail: string): StratusError {
  return new StratusError('SNS_INVALID_DEFINITION', `${eventPath(where)}: ${detail}.`, {
    hint: 'Write "sns: <topic name>" (the stack creates the topic), "sns: arn:aws:sns:<region>:<account>:<topic>" (an existing topic), or an object with "topicName" and/or "arn" and optional displayName, kmsMasterKeyId, filterPolicy, filterPolicyScope and redrivePolicy.',
  });
}

export function snsInvalidRedrivePolicy(where: EventLocation | undefined, detail: string): StratusError {
  return new StratusError('SNS_INVALID_REDRIVE_POLICY', `${eventPath(where)}: redrivePolicy ${detail}.`, {
    hint: 'Give exactly one of deadLetterTargetArn (an SQS queue ARN), deadLetterTargetRef (the logical id of a queue under resources) or deadLetterTargetImport ({ arn, url } export names).',
  });
}

export function snsMissingTopicName(where: EventLocation | undefined): StratusError {
  return new StratusError('SNS_MISSING_TOPIC_NAME', `${eventPath(where)}: "arn" is a CloudFormation function, so the topic name cannot be read from it, and "topicName" is missing.`, {
    hint: 'Add "topicName: <the topic\'s name>" beside "arn": logical ids and permissions are named after it.',
  });
}
