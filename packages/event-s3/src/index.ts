// The public API of @stratus/event-s3.
import { s3EventPlugin } from './s3-event-plugin';

export default s3EventPlugin;
export { s3EventPlugin };

// Provider-neutral: the schema and the one shape every form is normalised into.
export { DEFAULT_S3_EVENT, S3_BUCKET_NAME_PATTERN, S3_EVENT_PATTERN, isValidBucketName, s3EventSchema, type EventSchema } from './schema';
export { isIntrinsic, normalizeS3Event, type Intrinsic, type S3Event, type S3Rule } from './normalize';
export type { EventLocation } from './errors';

// AWS: compile into the template (what the plugin's tap runs), and the custom resource's artifact.
export { compileS3Events, type S3CompileResult } from './aws/compile-s3-events';
export { bucketPropertiesFromSettings, resolveBucket, type BucketTarget } from './aws/provider-buckets';
export {
  CUSTOM_RESOURCE_FUNCTION_KEY,
  CUSTOM_RESOURCE_HANDLER,
  CUSTOM_RESOURCE_RUNTIME,
  customResourceFunctionName,
} from './aws/custom-resource-function';
export { CUSTOM_RESOURCES_ZIP, buildCustomResourcesZip, customResourcesFiles, writeCustomResourcesZip } from './aws/custom-resources-zip';
export { PLUGIN_NAME } from './s3-event-plugin';
