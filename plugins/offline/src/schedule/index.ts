export { startSchedules, selectPath, applyInputTransformer, type ActiveSchedule, type ScheduleRuntime, type ScheduleTimers, type Schedules, type SchedulesOptions } from './schedules';
export { parseCron, parseRate, parseScheduleExpression, ScheduleExpressionError, type NextFire } from './cron';
