/** `$context` of API Gateway mapping templates, from the request context the proxy event carries. */
import type { ProxyRequestContext } from '../event-builder';

export type ContextVariable = Omit<ProxyRequestContext, 'authorizer'> & { authorizer: Record<string, unknown> };

/** The request context, with an empty `authorizer` when no authorizer ran (so templates can walk it). */
export function contextVariable(requestContext: ProxyRequestContext): ContextVariable {
  return { ...requestContext, authorizer: requestContext.authorizer ?? {} };
}
