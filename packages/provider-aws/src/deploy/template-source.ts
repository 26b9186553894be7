import type { TemplateSource } from './stack-operations';

/** CloudFormation accepts templates up to 51,200 bytes inline; larger ones must come from S3. */
const INLINE_LIMIT = 51_200;

/** The S3 URL CloudFormation fetches an uploaded template from (path-style, as v3; the emulator's endpoint when set). */
export function templateUrl(bucket: string, key: string, region: string): string {
  const override = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  if (override) return `${override.replace(/\/$/, '')}/${bucket}/${key}`;
  if (region.startsWith('us-gov')) return `https://s3-${region}.amazonaws.com/${bucket}/${key}`;
  if (region.startsWith('cn-')) return `https://s3.${region}.amazonaws.com.cn/${bucket}/${key}`;
  return `https://s3.amazonaws.com/${bucket}/${key}`;
}

/** Inline when small enough (one round trip less), else the copy uploaded with the deployment. */
export function templateSource(body: string, upload: { bucket: string; key: string; region: string } | undefined): TemplateSource {
  if (Buffer.byteLength(body) <= INLINE_LIMIT || !upload) return { TemplateBody: body };
  return { TemplateURL: templateUrl(upload.bucket, upload.key, upload.region) };
}
