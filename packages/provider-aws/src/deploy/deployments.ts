import type { S3Client } from '@aws-sdk/client-s3';
import { toStratusError } from '../aws/aws-errors';
import { s3Sdk } from '../aws/sdk';

/** One deployment's folder in the bucket: `<prefix>/<service>/<stage>/<epoch ms>-<ISO date>/`. */
export interface Deployment {
  directory: string;
  timestamp: number;
  keys: string[];
}

const DEPLOYMENT_DIR = /^(\d+)-\d{4}-\d{2}-\d{2}T/;

/** Every object key under a prefix (all pages). */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const { ListObjectsV2Command } = s3Sdk();
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/`, ContinuationToken: token })).catch((error: unknown) => {
      throw toStratusError(error, 'S3', 'listObjectsV2');
    });
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** This service's deployments, oldest first. */
export async function listDeployments(s3: S3Client, bucket: string, artifactPrefix: string): Promise<Deployment[]> {
  const byDirectory = new Map<string, Deployment>();
  for (const key of await listKeys(s3, bucket, artifactPrefix)) {
    const rest = key.slice(artifactPrefix.length + 1);
    const [directory, ...file] = rest.split('/');
    const match = directory ? DEPLOYMENT_DIR.exec(directory) : null;
    if (!directory || !match || file.length === 0) continue;
    const deployment = byDirectory.get(directory) ?? { directory: `${artifactPrefix}/${directory}`, timestamp: Number(match[1]), keys: [] };
    deployment.keys.push(key);
    byDirectory.set(directory, deployment);
  }
  return [...byDirectory.values()].sort((a, b) => a.timestamp - b.timestamp);
}

/** `filesha256` metadata of each object of a deployment, by file name. */
export async function deploymentHashes(s3: S3Client, bucket: string, deployment: Deployment): Promise<Map<string, string>> {
  const { HeadObjectCommand } = s3Sdk();
  const entries = await Promise.all(
    deployment.keys.map(async (key) => {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch((error: unknown) => {
        throw toStratusError(error, 'S3', 'headObject');
      });
      return [key.slice(deployment.directory.length + 1), head.Metadata?.filesha256 ?? ''] as const;
    }),
  );
  return new Map(entries);
}

/** Delete objects, 1000 per call. */
export async function deleteKeys(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  const { DeleteObjectsCommand } = s3Sdk();
  for (let start = 0; start < keys.length; start += 1000) {
    const batch = keys.slice(start, start + 1000);
    const result = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } })).catch((error: unknown) => {
      throw toStratusError(error, 'S3', 'deleteObjects');
    });
    const failed = result.Errors?.[0];
    if (failed) throw toStratusError(Object.assign(new Error(`${failed.Key}: ${failed.Message}`), { name: failed.Code ?? 'DeleteFailed' }), 'S3', 'deleteObjects');
  }
}

/** Keep the newest `keep` deployments (counting the one just made), delete the rest. */
export async function pruneDeployments(s3: S3Client, bucket: string, artifactPrefix: string, keep: number): Promise<number> {
  const deployments = await listDeployments(s3, bucket, artifactPrefix);
  const stale = deployments.slice(0, Math.max(0, deployments.length - keep));
  await deleteKeys(s3, bucket, stale.flatMap((deployment) => deployment.keys));
  return stale.length;
}
