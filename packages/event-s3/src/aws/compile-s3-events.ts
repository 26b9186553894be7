import type { EventCompileContext } from '@stratus/provider-aws';
import { normalizeS3Event } from '../normalize';
import { addCustomResourceHandler } from './custom-resource-function';
import { compileExistingBuckets } from './existing-buckets';
import { compileNewBuckets, type LocatedS3Event } from './new-buckets';

export interface S3CompileResult {
  /** Whether the template uses the existing-bucket custom resource, whose code is `custom-resources.zip`. */
  usesCustomResource: boolean;
}

/**
 * Every `s3` event of the service (the provider hands them over in function order): buckets the
 * stack creates first, then existing buckets through the custom resource, as v3 orders them.
 * Template only; writing `custom-resources.zip` is the caller's (see `writeCustomResourcesZip`).
 */
export function compileS3Events(context: EventCompileContext): S3CompileResult {
  const created: LocatedS3Event[] = [];
  const existing: LocatedS3Event[] = [];
  for (const { functionKey, index, definition } of context.events) {
    const where = { functionKey, index };
    const event = normalizeS3Event(definition, where);
    (event.existing ? existing : created).push({ where, event });
  }
  if (created.length > 0) compileNewBuckets(context, created);
  if (existing.length === 0) return { usesCustomResource: false };
  addCustomResourceHandler(context, compileExistingBuckets(context, existing));
  return { usesCustomResource: true };
}
