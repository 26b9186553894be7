import { awsValueDefinitions } from './aws-values';
import { iamDefinitions } from './iam';
import { intrinsicDefinitions, intrinsicGroupDefinitions } from './intrinsics';
import type { JsonSchema } from './json-schema';
import { lambdaSettingDefinitions } from './lambda-settings';

/**
 * Every shared definition, installed under `#/definitions` by `defineProvider`. All names start
 * with `aws`, so other plugins can refer to them (`{ $ref: '#/definitions/awsArn' }`) as they
 * did with v3's, without clashing with their own.
 */
export function createDefinitions(): Record<string, JsonSchema> {
  return {
    ...intrinsicDefinitions,
    ...intrinsicGroupDefinitions,
    ...awsValueDefinitions,
    ...lambdaSettingDefinitions,
    ...iamDefinitions,
  };
}
