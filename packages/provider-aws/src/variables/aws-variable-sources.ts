import type { ServiceContext, VariableSource } from '@stratus/core';
import type { AwsClients } from '../aws/aws-clients';
import { createAwsSource } from './aws-source';
import { createCfSource } from './cf-source';
import { createS3Source } from './s3-source';
import { createSsmSource } from './ssm-source';
import { SsmParameterLoader, type BatchScheduler } from './ssm-parameter-loader';

export interface AwsVariableSourcesOptions {
  /** When a burst of `${ssm:}` lookups is sent (default: `setImmediate`). */
  scheduleSsmBatch?: BatchScheduler;
}

/**
 * The variable sources that need AWS: `cf`, `s3`, `ssm`, `aws`. They resolve in the final phase,
 * after the provider is ready; lookups are cached for the run and `${ssm:}` lookups are batched.
 */
export function createAwsVariableSources(
  clients: AwsClients,
  context: Pick<ServiceContext, 'configuration' | 'options'>,
  options: AwsVariableSourcesOptions = {},
): Map<string, VariableSource> {
  const loader = new SsmParameterLoader(clients, options.scheduleSsmBatch);
  return new Map<string, VariableSource>([
    ['cf', createCfSource(clients, context)],
    ['s3', createS3Source(clients, context)],
    ['ssm', createSsmSource(loader, context)],
    ['aws', createAwsSource(clients, context)],
  ]);
}
