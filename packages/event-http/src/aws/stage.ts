import type { CompileState } from './compile-state';

/**
 * Stage settings. v3 applies tracing, access-log format and tags to the stage through the API
 * Gateway SDK after deploying, not through CloudFormation; what it does put in the template is the
 * access log group, when `provider.logs.restApi` is on.
 */
export function compileStage(state: CompileState): void {
  const { context } = state;
  const provider = context.service.provider;
  const logs = (provider.logs as { restApi?: unknown } | undefined)?.restApi;
  if (!logs) return;
  const accessLogging = typeof logs === 'object' ? (logs as { accessLogging?: unknown }).accessLogging : undefined;
  if (accessLogging === false) return;

  const properties: Record<string, unknown> = { LogGroupName: `/aws/api-gateway/${context.service.service}-${context.stage}` };
  if (provider.logRetentionInDays) properties.RetentionInDays = provider.logRetentionInDays;
  if (provider.logDataProtectionPolicy) properties.DataProtectionPolicy = provider.logDataProtectionPolicy;
  state.resources.add(context.naming.getApiGatewayLogGroupLogicalId(), { Type: 'AWS::Logs::LogGroup', Properties: properties });
  const role = typeof logs === 'object' ? (logs as { roleManagedExternally?: unknown }).roleManagedExternally : undefined;
  if (role !== true) {
    context.log.warning(
      'provider.logs.restApi: the access log group is created, but the account-wide CloudWatch role API Gateway needs to write logs is not (v3 sets it with a custom resource, which Stratus does not generate yet). Set it up once per account and region, and set provider.logs.restApi.roleManagedExternally: true to silence this warning.',
    );
  }
}
