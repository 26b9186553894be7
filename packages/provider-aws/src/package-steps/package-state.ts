import type { Artifact } from '../packaging';
import type { CfnTemplate } from '../template/cfn-template';
import type { TemplateBuilder } from '../template/template-builder';

/** What the packaging steps hand each other during one `package` lifecycle. */
export interface PackageState {
  startedAt: number;
  outputDir: string;
  coreTemplate?: CfnTemplate;
  builder?: TemplateBuilder;
  artifactDirectoryName?: string;
  functionArtifacts: Map<string, Artifact>;
  serviceArtifact?: Artifact;
}
