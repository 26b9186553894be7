import type { PluginApi } from '@stratus/core';
import type { AwsServiceConfig } from '../config-types';
import { naming } from '../naming/naming';
import { regionOf, stageOf } from '../provider/stage-region';

/** The facts every deploy-side command needs, read from the live configuration. */
export interface DeployTarget {
  service: string;
  stage: string;
  region: string;
  stackName: string;
  /** `<deploymentPrefix>/<service>/<stage>`: this service's folder in the deployment bucket. */
  artifactPrefix: string;
  configuration: AwsServiceConfig;
}

export function deployTarget(api: PluginApi): DeployTarget {
  const configuration = api.service.configuration as unknown as AwsServiceConfig;
  const service = String(configuration.service);
  const stage = stageOf(api.service);
  const prefix = (configuration.provider.deploymentPrefix as string | undefined) ?? 'serverless';
  return {
    service,
    stage,
    region: regionOf(api.service),
    stackName: naming.getStackName(service, stage, configuration.provider.stackName),
    artifactPrefix: `${prefix}/${service}/${stage}`,
    configuration,
  };
}

/** How often stack progress is polled: v3's variable, else every 2 s (v3 waits 5 s). */
export function monitoringInterval(): number {
  const configured = Number(process.env.SLS_AWS_MONITORING_FREQUENCY);
  return Number.isFinite(configured) && configured > 0 ? configured : 2000;
}
