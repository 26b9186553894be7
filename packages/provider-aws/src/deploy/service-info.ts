import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { StratusError, type Logger } from '@stratus/core';
import type { AwsFunctionConfig } from '../config-types';
import type { AwsProviderHooks, ServiceInfo } from '../events/event-hooks';
import type { DeployTarget } from './deploy-context';
import { describeStack } from './stack-operations';

/** Gather what a deployed service exposes: stack outputs, and endpoints from the event packages. */
export async function gatherServiceInfo(cloudFormation: CloudFormationClient, target: DeployTarget, hooks: AwsProviderHooks): Promise<ServiceInfo> {
  const stack = await describeStack(cloudFormation, target.stackName);
  if (!stack) {
    throw new StratusError('AWS_STACK_NOT_FOUND', `Stack ${target.stackName} does not exist in ${target.region}.`, {
      hint: 'Deploy the service first ("stratus deploy"), or check --stage and --region.',
    });
  }
  const outputs = Object.fromEntries((stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
  const functions = Object.entries((target.configuration.functions ?? {}) as Record<string, AwsFunctionConfig>).map(([key, fn]) => ({ key, name: fn.name }));
  const info: ServiceInfo = { service: target.service, stage: target.stage, region: target.region, stackName: target.stackName, outputs, endpoints: [], functions, configuration: target.configuration };
  await hooks.serviceInfo.promise(info);
  return info;
}

/** The v3 text layout (deploy-flow.md §5). */
export function printServiceInfo(log: Logger, info: ServiceInfo, options: { header: boolean; verbose: boolean }): void {
  const lines: string[] = [];
  if (options.header) lines.push(`service: ${info.service}`, `stage: ${info.stage}`, `region: ${info.region}`, `stack: ${info.stackName}`);
  if (info.endpoints.length === 1) lines.push(`endpoint: ${info.endpoints[0]}`);
  if (info.endpoints.length > 1) lines.push('endpoints:', ...info.endpoints.map((endpoint) => `  ${endpoint}`));
  if (info.functions.length > 0) lines.push('functions:', ...info.functions.map((fn) => `  ${fn.key}: ${fn.name}`));
  if (options.verbose && Object.keys(info.outputs).length > 0) lines.push('Stack Outputs:', ...Object.entries(info.outputs).map(([key, value]) => `  ${key}: ${value}`));
  if (lines.length > 0) log.writeText(lines.join('\n'));
}

export function serviceInfoJson(info: ServiceInfo): string {
  const { configuration: _configuration, ...rest } = info;
  return JSON.stringify(rest, null, 2);
}
