import type { ServiceInfo } from '@stratus/provider-aws';
import { normalizeHttpEvent } from './normalize';

/** `GET - https://abc.execute-api.us-east-1.amazonaws.com/dev/users/{id}`: one line per http event, as v3 prints them. */
export function httpEndpoints(info: ServiceInfo): string[] {
  const base = info.outputs.ServiceEndpoint;
  if (!base) return [];
  const lines: string[] = [];
  for (const fn of Object.values(info.configuration.functions ?? {})) {
    for (const event of fn.events ?? []) {
      if (!event || typeof event !== 'object' || !('http' in event)) continue;
      const http = normalizeHttpEvent(event.http);
      lines.push(`${http.method} - ${base}${http.path ? `/${http.path}` : ''}`.replace(/([^:])\/\/+/g, '$1/'));
    }
  }
  return lines;
}
