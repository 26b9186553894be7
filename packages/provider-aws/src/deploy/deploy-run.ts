import type { LocalArtifact } from './upload-artifacts';
import type { CfnTemplate } from '../template/cfn-template';

/** What the steps of one `deploy` hand each other. */
export interface DeployRun {
  startedAt: number;
  /** `--plan`: show the change set, change nothing. */
  plan: boolean;
  force: boolean;
  outputDir: string;
  template: CfnTemplate;
  coreTemplate: CfnTemplate;
  state: Record<string, unknown>;
  artifactDirectoryName: string;
  /** The stack exists and is usable; its id once known. */
  stackExists: boolean;
  stackId?: string;
  stackStatus?: string;
  /** Custom deployment bucket and no stack yet: the stack is created from the full template. */
  createLater: boolean;
  bucket?: string;
  artifacts: LocalArtifact[];
  /** Hash → key of the previous deployment's objects. */
  previousByHash: Map<string, string>;
  /** Nothing changed since the last deployment. */
  skipped: boolean;
  /** CloudFormation found nothing to change. */
  emptyChangeSet: boolean;
  /** Objects uploaded by this run, deleted again if the deploy fails. */
  uploadedKeys: string[];
  reused: number;
}
