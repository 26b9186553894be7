import { didYouMean, StratusError, type ServiceContext, type VariableSource } from '@stratus/core';
import type { AwsClients } from '../aws/aws-clients';
import { defaultRegion } from './default-region';

const ADDRESSES = ['accountId', 'region'];

/** `${aws:accountId}` (STS, asked once per run) and `${aws:region}` (`--region` → `provider.region` → `us-east-1`). */
export function createAwsSource(clients: AwsClients, service: Pick<ServiceContext, 'configuration' | 'options'>): VariableSource {
  return {
    async resolve(context) {
      const address = context.address?.trim() ?? '';
      if (address === 'accountId') return { value: await clients.accountId() };
      if (address === 'region') return { value: await defaultRegion(context, service) };
      const message = `Unsupported "aws" variable source address: "${address}"`;
      const suggestion = didYouMean(address, ADDRESSES);
      throw new StratusError('UNSUPPORTED_AWS_SOURCE_ADDRESS', suggestion ? `${message}.${suggestion}` : message, {
        hint: 'The "aws" source knows ${aws:accountId} and ${aws:region}.',
      });
    },
  };
}
