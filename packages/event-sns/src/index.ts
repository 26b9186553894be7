// The public API of @stratus/event-sns.
import { snsEventPlugin } from './sns-event-plugin';

export default snsEventPlugin;
export { snsEventPlugin };

// Provider-neutral: the schema and the one shape every form is normalised into.
export { TOPIC_NAME_PATTERN, snsEventSchema, type EventSchema } from './schema';
export { isIntrinsic, normalizeSnsEvent, parseArn, topicNameFromArn, type Intrinsic, type SnsEvent, type SnsRedrivePolicy } from './normalize';
export type { EventLocation } from './errors';

// AWS: compile into the template (what the plugin's tap runs).
export { compileSnsEvents } from './aws/compile-sns-events';
export { deadLetterQueue } from './aws/dead-letter-queue';
export { createdTopicArn } from './aws/topic';
