import type { Stack } from '@aws-sdk/client-cloudformation';
import { StratusError, type ServiceContext, type VariableSource } from '@stratus/core';
import type { AwsClients } from '../aws/aws-clients';
import { isNotFound, toStratusError } from '../aws/aws-errors';
import { cloudFormationSdk } from '../aws/sdk';
import { defaultRegion } from './default-region';

/**
 * `${cf:<stack>.<OutputKey>}` and `${cf(<region>):…}`: a stack output, as v3. One DescribeStacks
 * per stack and region for the whole run; a missing stack or output → null.
 */
export function createCfSource(clients: AwsClients, service: Pick<ServiceContext, 'configuration' | 'options'>): VariableSource {
  const stacks = new Map<string, Promise<Stack | null>>();

  const describe = (stackName: string, region: string): Promise<Stack | null> => {
    const key = `${region}\0${stackName}`;
    let promise = stacks.get(key);
    if (!promise) {
      promise = (async () => {
        const { DescribeStacksCommand } = cloudFormationSdk();
        try {
          const result = await clients.cloudFormation(region).send(new DescribeStacksCommand({ StackName: stackName }));
          return result.Stacks?.[0] ?? null;
        } catch (error) {
          if (isNotFound(error)) return null;
          throw toStratusError(error, 'CloudFormation', 'describeStacks');
        }
      })();
      stacks.set(key, promise);
    }
    return promise;
  };

  return {
    async resolve(context) {
      const address = context.address?.trim() ?? '';
      const dot = address.indexOf('.');
      if (dot <= 0 || dot === address.length - 1) {
        throw new StratusError('VARIABLES_INVALID_CF_ADDRESS', `Unsupported "cf" variable source address: "${address}"`, {
          hint: 'Write it as ${cf:<stack name>.<output key>}, or ${cf(<region>):<stack name>.<output key>} for another region.',
        });
      }
      const [regionParam] = context.params;
      const region = typeof regionParam === 'string' && regionParam ? regionParam : await defaultRegion(context, service);
      const stack = await describe(address.slice(0, dot), region);
      const outputKey = address.slice(dot + 1);
      const output = stack?.Outputs?.find((candidate) => candidate.OutputKey === outputKey);
      return { value: output?.OutputValue ?? null };
    },
  };
}
