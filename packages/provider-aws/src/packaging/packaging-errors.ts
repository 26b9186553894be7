// Every error packaging can raise, as small factories (one place to read the codes and wording).
// `NO_MATCHED_FILES` and `INVALID_PACKAGE_ARTIFACT_PATH` keep Serverless v3's codes.
import { StratusError } from '@stratus/core';

/** What a zip is being built for, as the user would name it. */
export type PackageSubject = { kind: 'service' | 'function' | 'layer'; key: string };

export function describeSubject(subject: PackageSubject): string {
  return `${subject.kind} "${subject.key}"`;
}

export function noMatchedFiles(subject: PackageSubject, patterns: readonly string[]): StratusError {
  return new StratusError('NO_MATCHED_FILES', `No file matches include / exclude patterns for ${describeSubject(subject)}`, {
    hint: `Patterns applied in order (last match wins): ${patterns.join(', ')}. Check package.patterns.`,
  });
}

export function artifactNotFound(configKey: string, artifactPath: string): StratusError {
  return new StratusError('INVALID_PACKAGE_ARTIFACT_PATH', `${configKey} points to "${artifactPath}", which does not exist or is not a file`, {
    hint: 'Build the artifact first, or fix the path (relative paths are resolved from the service directory).',
  });
}

export function s3ArtifactUnsupported(configKey: string, artifact: string): StratusError {
  return new StratusError('PACKAGE_S3_ARTIFACT_UNSUPPORTED', `${configKey} is "${artifact}": artifacts stored in S3 are not supported by Stratus yet`, {
    hint: 'Download the zip and point package.artifact to the local file.',
  });
}

export function unknownFunction(functionKey: string, known: readonly string[]): StratusError {
  return new StratusError('PACKAGE_FUNCTION_NOT_FOUND', `Function "${functionKey}" is not defined in "functions"`, {
    hint: known.length ? `Defined functions: ${known.join(', ')}` : 'The service defines no functions.',
  });
}

export function layerWithoutPath(layerKey: string): StratusError {
  return new StratusError('PACKAGE_LAYER_PATH_MISSING', `Layer "${layerKey}" has neither "path" nor "package.artifact"`, {
    hint: `Set layers.${layerKey}.path to the folder to zip.`,
  });
}

export function layerPathNotFound(layerKey: string, layerPath: string): StratusError {
  return new StratusError('PACKAGE_LAYER_PATH_MISSING', `layers.${layerKey}.path is "${layerPath}", which is not a directory`, {
    hint: 'Paths are resolved from the service directory.',
  });
}

export function zipNameCollision(zipName: string, first: PackageSubject, second: PackageSubject): StratusError {
  return new StratusError('PACKAGE_ARTIFACT_NAME_COLLISION', `${describeSubject(first)} and ${describeSubject(second)} would both be packaged as "${zipName}"`, {
    hint: 'Rename one of them: zips are named after the service, function or layer key.',
  });
}

export function zipTooLarge(zipName: string): StratusError {
  return new StratusError('PACKAGE_ZIP_TOO_LARGE', `"${zipName}" would exceed 4 GB, far above Lambda's limits`, {
    hint: 'Exclude large files with package.patterns.',
  });
}

export function fileUnreadable(filePath: string, reason: string): StratusError {
  return new StratusError('PACKAGE_FILE_UNREADABLE', `Could not read "${filePath}" while packaging: ${reason}`, {
    hint: 'Was the file removed or changed while packaging? Run the command again.',
  });
}
