import { StratusError } from '@stratus/core';
import type { AwsServiceConfig } from '../config-types';
import { naming } from '../naming/naming';
import type { CfnTemplate } from '../template/cfn-template';
import { deepMerge } from './deep-merge';

/** Step 1: every output so far gets an export name (before user outputs are merged, as in v3). */
export function addExportNamesToOutputs(template: CfnTemplate, service: string, stage: string): void {
  for (const [key, output] of Object.entries(template.Outputs)) {
    if (!output.Export) output.Export = { Name: naming.getOutputExportName(service, stage, key) };
  }
}

const REPLACED_ATTRIBUTES = ['Condition', 'CreationPolicy', 'DeletionPolicy', 'UpdatePolicy', 'UpdateReplacePolicy'];

/** Step 2: merge `resources` (Resources, Outputs, Conditions…) and apply `resources.extensions`. */
export function mergeCustomResources(template: CfnTemplate, resources: AwsServiceConfig['resources'], configFile: string): void {
  if (!resources) return;
  const { extensions, ...rest } = resources;
  for (const [section, value] of Object.entries(rest)) {
    if (value === undefined || value === null) continue;
    const current = template[section];
    if (current && typeof current === 'object' && typeof value === 'object') deepMerge(current as Record<string, unknown>, value as Record<string, unknown>);
    else template[section] = value;
  }
  for (const [logicalId, extension] of Object.entries(extensions ?? {})) {
    const resource = template.Resources[logicalId];
    if (!resource) {
      throw new StratusError('AWS_RESOURCE_EXTENSION_NOT_EXISTING', `resources.extensions.${logicalId} in ${configFile} extends a resource that is not in the template.`, {
        hint: `Check the logical id; "stratus package" then look at .serverless/cloudformation-template-update-stack.json for the generated ids.`,
      });
    }
    for (const [attribute, value] of Object.entries(extension)) {
      if (attribute === 'Properties' || attribute === 'Metadata') {
        resource[attribute] = { ...((resource[attribute] as Record<string, unknown> | undefined) ?? {}), ...(value as Record<string, unknown>) };
      } else if (attribute === 'DependsOn') {
        const current = resource.DependsOn === undefined ? [] : Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
        resource.DependsOn = [...current, ...(Array.isArray(value) ? value : [value])] as string[];
      } else if (REPLACED_ATTRIBUTES.includes(attribute)) {
        resource[attribute] = value;
      } else {
        throw new StratusError('AWS_RESOURCE_EXTENSION_UNSUPPORTED_ATTRIBUTE', `resources.extensions.${logicalId}.${attribute} in ${configFile} is not something an extension can set.`, {
          hint: `Extensions can set Properties, Metadata, DependsOn, ${REPLACED_ATTRIBUTES.join(', ')}.`,
        });
      }
    }
  }
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = stripNulls(child);
    return out;
  }
  return value;
}

/** Step 3: `null` inside resource Properties means "leave it out" (a way to unset generated values). */
export function stripNullProperties(template: CfnTemplate): void {
  for (const resource of Object.values(template.Resources)) {
    if (!resource || typeof resource !== 'object') continue;
    if (resource.Properties === undefined) continue;
    if (resource.Properties === null || typeof resource.Properties !== 'object' || Array.isArray(resource.Properties)) delete resource.Properties;
    else resource.Properties = stripNulls(resource.Properties) as Record<string, unknown>;
  }
}
