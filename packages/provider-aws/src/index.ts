// The public API of @stratus/provider-aws.
import { awsProviderPlugin } from './aws-provider-plugin';

export default awsProviderPlugin;
export { awsProviderPlugin };
export { AwsProvider } from './provider/aws-provider';
export { naming, type Naming } from './naming/naming';
export { getAwsProviderHooks, type AwsProviderHooks, type EventCompileContext, type FunctionEvent, type ServiceInfo } from './events/event-hooks';
export { TemplateBuilder } from './template/template-builder';
export { emptyTemplate, type CfnOutput, type CfnResource, type CfnTemplate } from './template/cfn-template';
export { deploymentBucketReference } from './compile/core-template';
export type { AwsFunctionConfig, AwsProviderConfig, AwsServiceConfig } from './config-types';
export { lambdaVersionHash } from './compile/version-hash';
