import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { toStratusError } from '../aws/aws-errors';
import { s3Sdk } from '../aws/sdk';

export interface LocalArtifact {
  /** File name in the deployment folder (`compiled-cloudformation-template.json`, `svc.zip`…). */
  name: string;
  /** base64 SHA-256 stored as `filesha256` metadata and compared between deployments. */
  sha256: string;
  contentType: string;
  body: () => Promise<Buffer | string>;
}

export interface UploadInput {
  s3: S3Client;
  bucket: string;
  directory: string;
  artifacts: LocalArtifact[];
  /** Objects of the previous deployment by their hash: unchanged files are copied there server-side. */
  previous: ReadonlyMap<string, string>;
  encryption: Record<string, unknown>;
  log: { verbose(message: string): void };
}

export interface UploadReport {
  uploaded: string[];
  reused: string[];
}

const CONCURRENCY = 3;

/**
 * Upload one deployment. A file whose bytes the previous deployment already has is copied inside
 * S3 instead (Serverless v3 uploads every zip on every deploy).
 */
export async function uploadArtifacts(input: UploadInput): Promise<UploadReport> {
  const { CopyObjectCommand, PutObjectCommand } = s3Sdk();
  const report: UploadReport = { uploaded: [], reused: [] };
  const queue = [...input.artifacts];
  const worker = async (): Promise<void> => {
    for (let artifact = queue.shift(); artifact; artifact = queue.shift()) {
      const key = `${input.directory}/${artifact.name}`;
      const previousKey = artifact.name.endsWith('.zip') ? input.previous.get(artifact.sha256) : undefined;
      try {
        if (previousKey) {
          await input.s3.send(
            new CopyObjectCommand({ Bucket: input.bucket, Key: key, CopySource: encodeURI(`${input.bucket}/${previousKey}`), MetadataDirective: 'COPY', ...input.encryption }),
          );
          report.reused.push(artifact.name);
          input.log.verbose(`Reused ${artifact.name} (unchanged since the previous deployment)`);
        } else {
          await input.s3.send(
            new PutObjectCommand({
              Bucket: input.bucket,
              Key: key,
              Body: await artifact.body(),
              ContentType: artifact.contentType,
              Metadata: { filesha256: artifact.sha256 },
              ...input.encryption,
            }),
          );
          report.uploaded.push(artifact.name);
          input.log.verbose(`Uploaded ${artifact.name}`);
        }
      } catch (error) {
        throw toStratusError(error, 'S3', previousKey ? 'copyObject' : 'putObject');
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return report;
}

/**
 * The zips to upload: those in the package folder (functions, layers, custom resources), and each
 * function's prebuilt `package.artifact` kept elsewhere (uploaded under its file name, which is
 * the `S3Key` the template names, as v3 does).
 */
export async function zipArtifacts(outputDir: string, hashOf: (file: string) => Promise<string>, functionArtifacts: ReadonlyArray<{ path?: string }> = []): Promise<LocalArtifact[]> {
  const files = new Map<string, string>();
  for (const name of (await fs.readdir(outputDir)).filter((entry) => entry.endsWith('.zip'))) files.set(name, path.join(outputDir, name));
  for (const artifact of functionArtifacts) {
    const name = artifact.path ? path.basename(artifact.path) : undefined;
    if (name && !files.has(name) && existsSync(artifact.path as string)) files.set(name, artifact.path as string);
  }
  return Promise.all(
    [...files].sort(([a], [b]) => a.localeCompare(b)).map(async ([name, file]) => ({
      name,
      sha256: await hashOf(file),
      contentType: 'application/zip',
      body: () => fs.readFile(file),
    })),
  );
}

/** S3 encryption settings from `provider.deploymentBucket` (v3's keys). */
export function encryptionParameters(deploymentBucket: unknown): Record<string, unknown> {
  if (!deploymentBucket || typeof deploymentBucket !== 'object') return {};
  const settings = deploymentBucket as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (settings.serverSideEncryption) out.ServerSideEncryption = settings.serverSideEncryption;
  if (settings.sseKMSKeyId) out.SSEKMSKeyId = settings.sseKMSKeyId;
  if (settings.sseCustomerAlgorithim) out.SSECustomerAlgorithm = settings.sseCustomerAlgorithim;
  if (settings.sseCustomerKey) out.SSECustomerKey = settings.sseCustomerKey;
  if (settings.sseCustomerKeyMD5) out.SSECustomerKeyMD5 = settings.sseCustomerKeyMD5;
  return out;
}
