/** Where a configuration property was written, for messages (`serverless.yml:12:5`). */
export interface ConfigLocation {
  /** File name relative to the service directory, e.g. `serverless.yml`. */
  file: string;
  /** 1-based; absent when the format keeps no positions (JS/TS configs) or the key is not in the file. */
  line?: number;
  column?: number;
}

/** Finds the closest written ancestor of a property path (the key itself when it exists). */
export type LocateProperty = (path: ReadonlyArray<string | number>) => ConfigLocation;

export function formatLocation(location: ConfigLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}
