import { StratusError } from '@stratus/core';

/** Where an event is written: `functions.<key>.events[<index>]`. */
export interface EventLocation {
  functionKey: string;
  index: number;
}

/** `functions.cron.events[2].schedule`, or just `schedule event` when the location is unknown. */
export function eventPath(where: EventLocation | undefined): string {
  return where ? `functions.${where.functionKey}.events[${where.index}].schedule` : 'schedule event';
}

// Error factories, alphabetised by code. Every message names the event; every hint says what to do.

export function scheduleInvalidDefinition(where: EventLocation | undefined, detail: string): StratusError {
  return new StratusError('SCHEDULE_INVALID_DEFINITION', `${eventPath(where)}: ${detail}.`, {
    hint: 'Write "schedule: rate(10 minutes)" or "schedule: cron(0 12 * * ? *)", or an object with "rate" (a list of such expressions) and optional enabled, name, description, input, inputPath, inputTransformer, method and timezone.',
  });
}

export function scheduleInvalidExpression(where: EventLocation | undefined, expression: string): StratusError {
  return new StratusError('SCHEDULE_INVALID_EXPRESSION', `${eventPath(where)}: "${expression}" is not a schedule expression.`, {
    hint: 'Use "rate(<n> <unit>)" with minute/hour/day for 1 and minutes/hours/days otherwise (e.g. "rate(5 minutes)"), or "cron(...)" with six fields (e.g. "cron(0 12 * * ? *)").',
  });
}

export function scheduleInvalidInputBody(where: EventLocation | undefined, reason: string): StratusError {
  return new StratusError('SCHEDULE_INVALID_INPUT_BODY', `${eventPath(where)}: input.body is a string but not JSON (${reason}).`, {
    hint: 'A string input.body is parsed as JSON before the input is serialised: write valid JSON, or give body as an object.',
  });
}

export function scheduleNameWithMultipleRates(where: EventLocation | undefined, count: number): StratusError {
  return new StratusError('SCHEDULE_NAME_WITH_MULTIPLE_RATES', `${eventPath(where)}: "name" is set, but "rate" has ${count} expressions, and each becomes its own rule that cannot share one name.`, {
    hint: 'Remove "name", or split the event into one schedule event per expression, each with its own name.',
  });
}

export function scheduleParameterNotSupported(where: EventLocation | undefined, parameter: string, method: string): StratusError {
  return new StratusError('SCHEDULE_PARAMETER_NOT_SUPPORTED', `${eventPath(where)}: "${parameter}" is not supported with "method: ${method}".`, {
    hint:
      method === 'scheduler'
        ? 'EventBridge Scheduler only passes a static "input": remove inputPath/inputTransformer, or use "method: eventBus".'
        : '"timezone" needs EventBridge Scheduler: add "method: scheduler", or remove "timezone" (EventBridge rules run in UTC).',
  });
}
