// The public API of @stratus/event-schedule.
import { scheduleEventPlugin } from './schedule-event-plugin';

export default scheduleEventPlugin;
export { scheduleEventPlugin };

// Provider-neutral: the schema and the one shape every form is normalised into.
export { CRON_PATTERN, RATE_PATTERN, SCHEDULE_EXPRESSION_PATTERN, isScheduleExpression, scheduleEventSchema, type EventSchema } from './schema';
export {
  isIntrinsic,
  normalizeScheduleEvent,
  serializeScheduleInput,
  type ScheduleEvent,
  type ScheduleExpression,
  type ScheduleInputTransformer,
  type ScheduleMethod,
} from './normalize';
export type { EventLocation } from './errors';

// AWS: compile into the template (what the plugin's tap runs).
export { compileScheduleEvents } from './aws/compile-schedule-events';
