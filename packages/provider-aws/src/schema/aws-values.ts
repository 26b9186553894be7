import { orIntrinsic } from './intrinsics';
import { ref, type JsonSchema } from './json-schema';

/** Tag keys AWS accepts (not starting with the reserved `aws:`), up to 128 characters. */
export const TAG_KEY_PATTERN = '^(?!aws:)[\\w\\s.:/=+\\-@]{1,128}$';

/** ARNs, names and tags: the plain values most AWS settings are made of. */
export const awsValueDefinitions: Record<string, JsonSchema> = {
  awsArnString: { type: 'string', pattern: '^arn:' },
  /** An ARN, or an intrinsic that yields one (`Fn::GetAtt`, `Fn::Sub`, `Ref`, …). */
  awsArn: orIntrinsic({ type: 'string', pattern: '^arn:' }),
  /** A KMS key: its ARN, or an intrinsic (`Fn::GetAtt: [Key, Arn]`, `Fn::ImportValue`, …). */
  awsKmsArn: orIntrinsic({ type: 'string', pattern: '^arn:aws[a-zA-Z-]*:kms:' }),
  /** Key → value tags (values are coerced to strings). */
  awsResourceTags: {
    type: 'object',
    patternProperties: { [TAG_KEY_PATTERN]: { anyOf: [{ type: 'string', maxLength: 256 }, ref('awsCfFunction')] } },
    additionalProperties: false,
  },
  /** S3 bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens. */
  awsS3BucketName: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' },
  awsAccountId: { type: 'string', pattern: '^\\d{12}$' },
};
