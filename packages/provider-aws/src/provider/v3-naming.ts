import type { ServiceContext } from '@stratus/core';
import type { AwsProviderConfig } from '../config-types';
import { naming } from '../naming/naming';
import { regionOf, stageOf } from './stage-region';

/**
 * v3's `provider.naming`: the same rules, with the service/stage-dependent names taking no
 * arguments (v3 plugins call `naming.getStackName()`, `naming.getRoleName()`…).
 */
export function createV3Naming(context: ServiceContext): Record<string, unknown> {
  const service = () => String(context.configuration.service);
  const stage = () => stageOf(context);
  const provider = () => (context.configuration.provider ?? {}) as AwsProviderConfig;
  const apiGateway = () => (provider().apiGateway ?? {}) as { shouldStartNameWithService?: boolean };
  return {
    ...naming,
    provider: { getRegion: () => regionOf(context), getStage: stage },
    getStackName: () => naming.getStackName(service(), stage(), provider().stackName),
    getRoleName: () => naming.getRoleName(service(), stage()),
    getPolicyName: () => naming.getPolicyName(service(), stage()),
    getServiceName: service,
    getApiGatewayName: () =>
      naming.getApiGatewayName(service(), stage(), {
        ...(typeof provider().apiName === 'string' ? { apiName: provider().apiName as string } : {}),
        ...(apiGateway().shouldStartNameWithService ? { shouldStartNameWithService: true } : {}),
      }),
    getDeploymentBucketName: () => provider().deploymentBucket,
    getUsagePlanName: () => `${service()}-${stage()}`,
    getApiKeyName: (index: number) => `${service()}-${stage()}-${index}`,
  };
}
