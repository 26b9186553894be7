export { startEventSources, encodeS3EventKey, s3EventMatches, S3_SIMULATION_PREFIX, type EventSources, type EventSourcesOptions, type EventSourcesRuntime } from './event-sources';
export { policyMatches, type FilterValue } from './sns-filter-policy';
