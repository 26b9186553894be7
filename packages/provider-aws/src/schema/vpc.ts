import { ref, type JsonSchema } from './json-schema';

/** `provider.vpc`: security groups and subnets (lists, or intrinsics that yield them). */
export const providerVpcSchema: JsonSchema = ref('awsLambdaVpcConfig');

/**
 * `functions.*.vpc`: like the provider's, or `false` to opt this function out of the provider's
 * VPC (`vpc: ~` is ignored by validation, as every null is).
 */
export const functionVpcSchema: JsonSchema = { anyOf: [ref('awsLambdaVpcConfig'), { type: 'boolean', const: false }] };

/** `provider.vpcEndpointIds`: endpoints a PRIVATE REST API is reachable through. */
export const vpcEndpointIdsSchema: JsonSchema = { type: 'array', items: ref('awsCfInstruction') };
