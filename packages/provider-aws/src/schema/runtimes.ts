/**
 * Lambda runtime identifiers accepted in `provider.runtime`, `functions.*.runtime` and
 * `layers.*.compatibleRuntimes`.
 *
 * Deliberately wider than Serverless Framework v3.40, whose list stops at `nodejs20.x` and
 * `python3.11` (newer runtimes only produce a validation warning there): Stratus also accepts the
 * runtimes AWS added since (`nodejs22.x`, `nodejs24.x`, `python3.12`…`python3.14`, `java21`,
 * `dotnet8`, `ruby3.3`, `ruby3.4`, …). Retired runtimes that v3 still listed stay, so old services
 * keep validating; AWS itself refuses to create functions on them.
 */
export const AWS_RUNTIMES = [
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.7',
  'python3.8',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java8',
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'dotnet6',
  'dotnet8',
  'dotnetcore3.1',
  'ruby2.7',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'go1.x',
  'provided',
  'provided.al2',
  'provided.al2023',
] as const;

export type AwsRuntime = (typeof AWS_RUNTIMES)[number];

export const AWS_ARCHITECTURES = ['x86_64', 'arm64'] as const;
