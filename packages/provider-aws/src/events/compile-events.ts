import { formatLocation, StratusError, type LocateProperty } from '@stratus/core';
import type { AwsFunctionConfig } from '../config-types';
import type { AwsProviderHooks, EventCompileContext, FunctionEvent } from './event-hooks';

/** Group every function event by type, in function order. */
export function collectEvents(functions: Record<string, AwsFunctionConfig>): Map<string, FunctionEvent[]> {
  const byType = new Map<string, FunctionEvent[]>();
  for (const [functionKey, fn] of Object.entries(functions)) {
    (fn.events ?? []).forEach((event, index) => {
      if (!event || typeof event !== 'object') return;
      const [eventType] = Object.keys(event);
      if (eventType === undefined) return;
      const list = byType.get(eventType) ?? [];
      list.push({ functionKey, function: fn, definition: (event as Record<string, unknown>)[eventType], index });
      byType.set(eventType, list);
    });
  }
  return byType;
}

/**
 * package:compileEvents: hand each event type to the package that compiles it. The provider
 * names no event type itself; an event no package compiles is an error, never silently dropped.
 */
export async function compileEvents(
  hooks: AwsProviderHooks,
  functions: Record<string, AwsFunctionConfig>,
  makeContext: (eventType: string, events: FunctionEvent[]) => EventCompileContext,
  locate: LocateProperty,
): Promise<void> {
  const byType = collectEvents(functions);
  for (const [eventType, events] of byType) {
    if (hooks.compileEvents.get(eventType)?.taps.length) continue;
    const first = events[0] as FunctionEvent;
    const where = formatLocation(locate(['functions', first.functionKey, 'events', first.index]));
    const known = hooks.eventTypeOrder.filter((type) => hooks.compileEvents.get(type)?.taps.length);
    throw new StratusError('AWS_UNSUPPORTED_EVENT_TYPE', `${where}: function "${first.functionKey}" has a "${eventType}" event, and no installed package compiles "${eventType}" events.`, {
      hint: known.length > 0 ? `Event types this installation compiles: ${known.join(', ')}. Add a plugin that handles "${eventType}", or remove the event.` : `Add a plugin that handles "${eventType}" events, or remove the event.`,
    });
  }
  const ordered = [...hooks.eventTypeOrder.filter((type) => byType.has(type))];
  for (const eventType of ordered) {
    await hooks.compileEvents.for(eventType).promise(makeContext(eventType, byType.get(eventType) as FunctionEvent[]));
  }
}
