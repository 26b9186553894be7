export { loadServiceConfig, type LoadedConfig, type LoadServiceConfigOptions } from './load-service-config';
export { parseYaml, parseYamlWithLocations } from './parse-yaml';
export { parseJsonWithLocations } from './parse-json';
export { CONFIG_FILE_NAMES, CONFIG_EXTENSIONS } from './config-file-names';
export { cloudFormationTags } from './yaml-cfn-tags';
export * from './locate';
