// Packaging: the zips a service deploys (Serverless v3 rules, deterministic output).
export type { Artifact } from './artifact';
export { sha256Base64 } from './artifact';
export type { PackagingInput, PackagingResult } from './package-service';
export { packageService } from './package-service';
