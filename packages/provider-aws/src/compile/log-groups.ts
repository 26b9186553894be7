import type { AwsFunctionConfig, AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';
import type { TemplateBuilder } from '../template/template-builder';

const OWNER = '@stratus/provider-aws (log groups)';

/** One log group per function that logs, with retention and data protection as configured. */
export function addLogGroups(builder: TemplateBuilder, provider: AwsProviderConfig, functions: Record<string, AwsFunctionConfig>): void {
  for (const [key, fn] of Object.entries(functions)) {
    if (fn.disableLogs) continue;
    const properties: Record<string, unknown> = { LogGroupName: naming.getLogGroupName(fn.name) };
    const retention = fn.logRetentionInDays ?? provider.logRetentionInDays;
    if (retention !== undefined) properties.RetentionInDays = retention;
    const protection = fn.logDataProtectionPolicy ?? provider.logDataProtectionPolicy;
    if (protection !== undefined) properties.DataProtectionPolicy = protection;
    builder.addResource(OWNER, naming.getLogGroupLogicalId(key), { Type: 'AWS::Logs::LogGroup', Properties: properties });
  }
}
