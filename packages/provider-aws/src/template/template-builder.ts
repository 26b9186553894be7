import { StratusError } from '@stratus/core';
import type { CfnOutput, CfnResource, CfnTemplate } from './cfn-template';

const DIRECT = 'a plugin that edited compiledCloudFormationTemplate directly';

/**
 * The one way to add to the compiled template: a logical id can be added once, and a second
 * attempt names who added the first. The template object itself stays the one v3 plugins reach
 * as `provider.compiledCloudFormationTemplate`, so their direct edits keep working.
 */
export class TemplateBuilder {
  private readonly owners = new Map<string, string>();

  constructor(readonly template: CfnTemplate) {}

  addResource(owner: string, logicalId: string, resource: CfnResource): CfnResource {
    this.claim(owner, `resource "${logicalId}"`, logicalId, this.template.Resources);
    this.template.Resources[logicalId] = resource;
    return resource;
  }

  addOutput(owner: string, key: string, output: CfnOutput): void {
    this.claim(owner, `output "${key}"`, `Outputs.${key}`, this.template.Outputs);
    this.template.Outputs[key] = output;
  }

  hasResource(logicalId: string): boolean {
    return logicalId in this.template.Resources;
  }

  getResource(logicalId: string): CfnResource | undefined {
    return this.template.Resources[logicalId];
  }

  /** Who added a logical id (for messages). */
  ownerOf(logicalId: string): string | undefined {
    return this.owners.get(logicalId) ?? (logicalId in this.template.Resources ? DIRECT : undefined);
  }

  private claim(owner: string, what: string, key: string, table: Record<string, unknown>): void {
    const name = key.startsWith('Outputs.') ? key.slice(8) : key;
    if (name in table) {
      const first = this.owners.get(key) ?? DIRECT;
      throw new StratusError('AWS_TEMPLATE_DUPLICATE_LOGICAL_ID', `${owner} tried to add ${what} to the CloudFormation template, but ${first} already added it.`, {
        hint: 'Two plugins generate the same logical id: rename the function, event or resource involved, or remove one of the plugins.',
      });
    }
    this.owners.set(key, owner);
  }
}
