import { createHash } from 'node:crypto';
import { stableStringify } from '../compile/version-hash';
import type { CfnTemplate } from '../template/cfn-template';

export const sha256Base64 = (data: string | Buffer): string => createHash('sha256').update(data).digest('base64');

/**
 * The template as it is compared between deployments: the values that change on every package
 * without changing anything deployed (the API Gateway deployment id, artifact S3 keys) are masked.
 */
export function normalizedTemplateHash(template: CfnTemplate): string {
  const copy = JSON.parse(JSON.stringify(template)) as CfnTemplate;
  const resources: Record<string, unknown> = {};
  for (const [id, resource] of Object.entries(copy.Resources)) {
    const properties = resource.Properties as Record<string, { S3Key?: unknown }> | undefined;
    if (resource.Type === 'AWS::Lambda::Function' && properties?.Code?.S3Key !== undefined) properties.Code.S3Key = '';
    if (resource.Type === 'AWS::Lambda::LayerVersion' && properties?.Content?.S3Key !== undefined) properties.Content.S3Key = '';
    resources[id.replace(/^ApiGatewayDeployment\w+$/, 'ApiGatewayDeployment')] = resource;
  }
  const text = stableStringify({ ...copy, Resources: resources }).replace(/ApiGatewayDeployment\d+/g, 'ApiGatewayDeployment');
  return sha256Base64(text);
}

/** The state file as compared: without the templates (compared on their own) and the artifact folder. */
export function normalizedStateHash(state: Record<string, unknown>): string {
  const copy = JSON.parse(JSON.stringify(state)) as { service?: { provider?: Record<string, unknown>; initialServerlessConfig?: unknown }; package?: Record<string, unknown> };
  delete copy.service?.initialServerlessConfig;
  delete copy.service?.provider?.coreCloudFormationTemplate;
  delete copy.service?.provider?.compiledCloudFormationTemplate;
  delete copy.package?.artifactDirectoryName;
  return sha256Base64(stableStringify(copy).replace(/\d{13}-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, ''));
}

/** Same files with the same hashes: nothing to deploy. */
export function sameHashes(local: ReadonlyMap<string, string>, remote: ReadonlyMap<string, string>): boolean {
  if (local.size !== remote.size) return false;
  for (const [file, hash] of local) if (remote.get(file) !== hash) return false;
  return true;
}
