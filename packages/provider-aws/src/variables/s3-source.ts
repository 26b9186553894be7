import { StratusError, type ServiceContext, type VariableSource } from '@stratus/core';
import type { AwsClients } from '../aws/aws-clients';
import { awsErrorCode, toStratusError } from '../aws/aws-errors';
import { s3Sdk } from '../aws/sdk';
import { defaultRegion } from './default-region';

/**
 * `${s3:<bucket>/<key>}`: the object's body as text, as v3; a missing key → null. Each object is
 * read once per run. The client follows a bucket that lives in another region.
 */
export function createS3Source(clients: AwsClients, service: Pick<ServiceContext, 'configuration' | 'options'>): VariableSource {
  const objects = new Map<string, Promise<string | null>>();

  const read = (bucket: string, key: string, region: string): Promise<string | null> => {
    const cacheKey = `${region}\0${bucket}\0${key}`;
    let promise = objects.get(cacheKey);
    if (!promise) {
      promise = (async () => {
        const { GetObjectCommand } = s3Sdk();
        try {
          const result = await clients.s3(region).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          return result.Body ? await result.Body.transformToString() : '';
        } catch (error) {
          const code = awsErrorCode(error);
          if (code === 'NoSuchKey' || code === 'NotFound') return null;
          throw toStratusError(error, 'S3', 'getObject');
        }
      })();
      objects.set(cacheKey, promise);
    }
    return promise;
  };

  return {
    async resolve(context) {
      const address = context.address?.trim() ?? '';
      const slash = address.indexOf('/');
      if (slash <= 0 || slash === address.length - 1) {
        throw new StratusError('VARIABLES_INVALID_S3_ADDRESS', `Unsupported "s3" variable source address: "${address}"`, {
          hint: 'Write it as ${s3:<bucket>/<key>}.',
        });
      }
      const region = await defaultRegion(context, service);
      return { value: await read(address.slice(0, slash), address.slice(slash + 1), region) };
    },
  };
}
