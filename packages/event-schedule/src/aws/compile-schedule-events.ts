import type { EventCompileContext } from '@stratus/provider-aws';
import { scheduleNameWithMultipleRates, scheduleParameterNotSupported, type EventLocation } from '../errors';
import { normalizeScheduleEvent, type ScheduleEvent } from '../normalize';
import { addEventsRule } from './events-rule';
import { addSchedulerSchedule, grantSchedulerInvoke } from './scheduler-schedule';

/** The AWS-specific rules on a normalised event (v3's compile-time checks). */
function checkForAws(event: ScheduleEvent, where: EventLocation): void {
  if (event.name !== undefined && event.expressions.length > 1) throw scheduleNameWithMultipleRates(where, event.expressions.length);
  if (event.method === 'scheduler') {
    if (event.inputPath !== undefined) throw scheduleParameterNotSupported(where, 'inputPath', 'scheduler');
    if (event.inputTransformer !== undefined) throw scheduleParameterNotSupported(where, 'inputTransformer', 'scheduler');
  } else if (event.timezone !== undefined) {
    throw scheduleParameterNotSupported(where, 'timezone', 'eventBus');
  }
}

/**
 * Every `schedule` event of the service (the provider hands them over in function order). Each
 * expression is one rule (or scheduler schedule), numbered 1, 2, … across all of a function's
 * schedule expressions, as v3 numbers them.
 */
export function compileScheduleEvents(context: EventCompileContext): void {
  const counters = new Map<string, number>();
  const schedulerFunctions = new Set<string>();
  for (const { functionKey, index, definition } of context.events) {
    const where = { functionKey, index };
    const event = normalizeScheduleEvent(definition, where);
    checkForAws(event, where);
    for (const expression of event.expressions) {
      const counter = (counters.get(functionKey) ?? 0) + 1;
      counters.set(functionKey, counter);
      if (event.method === 'scheduler') {
        addSchedulerSchedule(context, where, event, expression, counter);
        schedulerFunctions.add(functionKey);
      } else {
        addEventsRule(context, where, event, expression, counter);
      }
    }
  }
  for (const functionKey of schedulerFunctions) grantSchedulerInvoke(context, functionKey);
}
