import { closedObject, ref, requiredUnless, type JsonSchema } from './json-schema';

/**
 * A single value or a list of them. Under `coerceTypes: 'array'` the order of the branches decides
 * the compiled form, and v3's differs per key (checked against its templates): `Action` lists are
 * kept and a lone action becomes a list (list first), while a one-item `Resource` list is unwrapped
 * to its item (item first).
 */
function listOrOne(item: JsonSchema): JsonSchema {
  return { anyOf: [{ type: 'array', items: item }, item, ref('awsCfFunction')] };
}

function oneOrList(item: JsonSchema): JsonSchema {
  return { anyOf: [item, { type: 'array', items: item }, ref('awsCfFunction')] };
}

/** What IAM statements may name as a resource: everything (`*`), an ARN, or an intrinsic. */
const policyResource = (): JsonSchema => ({ anyOf: [{ const: '*' }, ref('awsArnString'), ref('awsCfFunction')] });

/** `*` (everyone) or `{ AWS | Service | Federated | CanonicalUser: … }`. */
const principal = (): JsonSchema => ({ anyOf: [{ const: '*' }, { type: 'object' }] });

/** IAM role names: up to 64 of letters, digits and `+=,.@_-`. */
export const IAM_ROLE_NAME_PATTERN = '^[A-Za-z0-9+=,.@_-]{1,64}$';

export const iamDefinitions: Record<string, JsonSchema> = {
  /** Statements of an identity-based IAM policy (the execution role's, `iamRoleStatements`). */
  awsIamPolicyStatements: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        Sid: { type: 'string' },
        Effect: { type: 'string', enum: ['Allow', 'Deny'] },
        Action: listOrOne({ type: 'string' }),
        NotAction: listOrOne({ type: 'string' }),
        Resource: oneOrList(policyResource()),
        NotResource: oneOrList(policyResource()),
        Condition: { type: 'object' },
      },
      required: ['Effect'],
      additionalProperties: false,
      allOf: [requiredUnless('Action', 'NotAction'), requiredUnless('Resource', 'NotResource')],
    },
  },
  /**
   * Statements of a resource policy (API Gateway `resourcePolicy`, `stackPolicy`): they name a
   * principal, and their resources are not always ARNs (`execute-api:/*`, `LogicalResourceId/*`).
   */
  awsResourcePolicyStatements: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        Sid: { type: 'string' },
        Effect: { type: 'string', enum: ['Allow', 'Deny'] },
        Principal: principal(),
        NotPrincipal: principal(),
        Action: listOrOne({ type: 'string' }),
        NotAction: listOrOne({ type: 'string' }),
        Resource: oneOrList(ref('awsCfInstruction')),
        NotResource: oneOrList(ref('awsCfInstruction')),
        Condition: { type: 'object' },
      },
      required: ['Effect'],
      additionalProperties: false,
      allOf: [requiredUnless('Action', 'NotAction')],
    },
  },
  /** Managed policies attached to a role: ARNs or intrinsics. */
  awsIamManagedPolicies: { type: 'array', items: ref('awsArn') },
  /** `provider.iam`: the execution role (ARN, name, intrinsic, or how to build it) and the deployment role. */
  awsProviderIam: closedObject({
    role: {
      anyOf: [
        ref('awsLambdaRole'),
        closedObject({
          name: { type: 'string', pattern: IAM_ROLE_NAME_PATTERN },
          path: { type: 'string', pattern: '^(/|/[\\x21-\\x7e]+/)$' },
          statements: ref('awsIamPolicyStatements'),
          managedPolicies: ref('awsIamManagedPolicies'),
          permissionsBoundary: ref('awsArn'),
          tags: ref('awsResourceTags'),
        }),
      ],
    },
    deploymentRole: ref('awsArn'),
  }),
};
