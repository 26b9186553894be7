import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AwsServiceConfig } from '../config-types';
import type { CfnTemplate } from '../template/cfn-template';

async function writeJson(file: string, value: unknown, minify: boolean): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, minify ? JSON.stringify(value) : `${JSON.stringify(value, null, 2)}`);
}

export const CREATE_TEMPLATE_FILE = 'cloudformation-template-create-stack.json';
export const UPDATE_TEMPLATE_FILE = 'cloudformation-template-update-stack.json';
export const STATE_FILE = 'serverless-state.json';

export function writeCreateTemplate(outputDir: string, template: CfnTemplate, minify: boolean): Promise<void> {
  return writeJson(path.join(outputDir, CREATE_TEMPLATE_FILE), template, minify);
}

export function writeUpdateTemplate(outputDir: string, template: CfnTemplate, minify: boolean): Promise<void> {
  return writeJson(path.join(outputDir, UPDATE_TEMPLATE_FILE), template, minify);
}

export interface ServiceState {
  service: Record<string, unknown>;
  package: { individually: boolean; artifactDirectoryName: string | undefined; artifact: string | undefined };
  /** Stratus addition: each function's artifact and hash, so deploy can upload only what changed. */
  artifacts: Record<string, { file: string; sha256: string; size: number; path: string }>;
}

/** `serverless-state.json`: what `deploy --package` restores (the service with its compiled templates). */
export function writeServiceState(outputDir: string, configuration: AwsServiceConfig, state: Omit<ServiceState, 'service'>, templates: { compiled: CfnTemplate; core: CfnTemplate | undefined }): Promise<void> {
  const { plugins: _plugins, ...service } = configuration;
  const serviceState: ServiceState = {
    service: { ...service, provider: { ...configuration.provider, compiledCloudFormationTemplate: templates.compiled, coreCloudFormationTemplate: templates.core } },
    ...state,
  };
  return writeJson(path.join(outputDir, STATE_FILE), serviceState, false);
}
