import { promises as fs } from 'node:fs';
import path from 'node:path';
import { S3_HANDLER_SOURCE } from './custom-resource/handler-source';
import { writeZip } from './custom-resource/zip-writer';

/** The artifact's file name, in the output directory and under the artifact directory in S3 (as v3). */
export const CUSTOM_RESOURCES_ZIP = 'custom-resources.zip';

/** The files of the custom resources artifact: the existing-bucket handler at `s3/handler.js`. */
export function customResourcesFiles(): Array<{ path: string; content: string }> {
  return [{ path: 's3/handler.js', content: S3_HANDLER_SOURCE }];
}

/** `custom-resources.zip` as bytes: the same bytes on every run (sorted entries, fixed times, stored). */
export function buildCustomResourcesZip(): Buffer {
  return writeZip(customResourcesFiles());
}

/**
 * Write `custom-resources.zip` into a service's output directory (`<serviceDir>/.serverless`),
 * creating the directory if needed. Returns the file's path.
 */
export async function writeCustomResourcesZip(outputDir: string): Promise<string> {
  const file = path.join(outputDir, CUSTOM_RESOURCES_ZIP);
  await fs.mkdir(outputDir, { recursive: true });
  await fs.writeFile(file, buildCustomResourcesZip());
  return file;
}
