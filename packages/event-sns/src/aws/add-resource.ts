import { isDeepStrictEqual } from 'node:util';
import type { CfnResource, TemplateBuilder } from '@stratus/provider-aws';

export const OWNER = '@stratus/event-sns';

/**
 * Add a resource; the same resource added twice (a function subscribed twice to one topic) is
 * kept once. A different resource under the same id is still refused by the builder.
 */
export function addResourceOnce(builder: TemplateBuilder, logicalId: string, resource: CfnResource): void {
  const existing = builder.getResource(logicalId);
  if (existing && builder.ownerOf(logicalId) === OWNER && isDeepStrictEqual(existing, resource)) return;
  builder.addResource(OWNER, logicalId, resource);
}
