import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { StratusError, type PluginApi } from '@stratus/core';
import { getAwsClients } from '../aws/aws-clients';
import { toStratusError } from '../aws/aws-errors';
import { customDeploymentBucketName } from '../compile/core-template';
import { getAwsProviderHooks } from '../events/event-hooks';
import { STATE_FILE } from '../package-steps/write-artifacts';
import type { CfnTemplate } from '../template/cfn-template';
import { normalizedStateHash, normalizedTemplateHash, sameHashes } from './change-detection';
import { deployTarget } from './deploy-context';
import type { DeployRun } from './deploy-run';
import { deploymentHashes, deleteKeys, listDeployments, pruneDeployments } from './deployments';
import { requireDeploymentBucket } from './deployment-bucket';
import { locateTemplateProblem } from './locate-template-problem';
import { printPlan } from './plan-output';
import { gatherServiceInfo, printServiceInfo } from './service-info';
import { cloudFormationSdk, s3Sdk } from '../aws/sdk';
import { monitorStack, stackFailedError } from './stack-monitor';
import { createStackDirectly, updateStackDirectly } from './direct-stack-operations';
import { createChangeSet, deleteChangeSet, deleteStack, describeStack, executeChangeSet, stackParameters } from './stack-operations';
import { isInProgress, isReplaceable } from './stack-status';
import { templateSource } from './template-source';
import { encryptionParameters, uploadArtifacts, zipArtifacts, type LocalArtifact } from './upload-artifacts';

const OUTPUT_DIR = '.serverless';
const TEMPLATE_FILE = 'compiled-cloudformation-template.json';

async function fileSha256(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('base64');
}

const seconds = (startedAt: number) => `${((Date.now() - startedAt) / 1000).toFixed(0)}s`;

/** The `deploy` lifecycle for AWS (deploy-flow.md §1), with v3's event names so plugins keep their hooks. */
export function registerDeploySteps(api: PluginApi): void {
  const context = api.service;
  const clients = () => getAwsClients(context);
  const verbose = () => Boolean(context.options.verbose);
  let run: DeployRun | undefined;
  const current = (): DeployRun => {
    if (!run) throw new Error('The deploy state is not loaded: before:deploy:deploy has not run.');
    return run;
  };

  api.hook('before:deploy:deploy', async () => {
    const serviceDir = context.serviceDir as string;
    const outputDir = path.join(serviceDir, OUTPUT_DIR);
    const packageDir = context.options.package as string | undefined;
    if (packageDir) {
      const source = path.resolve(serviceDir, packageDir);
      if (!existsSync(path.join(source, STATE_FILE))) {
        throw new StratusError('AWS_MISSING_SERVICE_STATE_FILE', `No ${STATE_FILE} in ${source}, the package folder given with --package.`, {
          hint: 'Make the package with "stratus package --package <dir>" first.',
        });
      }
      if (source !== outputDir) {
        await fs.rm(outputDir, { recursive: true, force: true });
        await fs.cp(source, outputDir, { recursive: true });
      }
    } else {
      await api.spawn('package');
    }
    const state = JSON.parse(await fs.readFile(path.join(outputDir, STATE_FILE), 'utf8')) as {
      service: { provider: { compiledCloudFormationTemplate: CfnTemplate; coreCloudFormationTemplate: CfnTemplate } };
      package: { artifactDirectoryName: string };
      artifacts?: Record<string, { file: string; sha256: string; path?: string }>;
    };
    const recorded = Object.values(state.artifacts ?? {});
    const known = new Map(recorded.map((artifact) => [artifact.file, artifact.sha256]));
    const artifacts: LocalArtifact[] = [...(await zipArtifacts(outputDir, async (file) => known.get(path.basename(file)) ?? fileSha256(file), recorded))];
    const template = state.service.provider.compiledCloudFormationTemplate;
    // A plugin may still edit the in-memory template in before:deploy:deploy (v3 deploys that object).
    const provider = context.configuration.provider as Record<string, unknown>;
    const live = (provider.compiledCloudFormationTemplate as CfnTemplate | undefined) ?? template;
    provider.compiledCloudFormationTemplate = live;
    run = {
      startedAt: Date.now(),
      plan: Boolean(context.options.plan),
      force: Boolean(context.options.force),
      outputDir,
      template: live,
      coreTemplate: state.service.provider.coreCloudFormationTemplate,
      state: state as unknown as Record<string, unknown>,
      artifactDirectoryName: state.package.artifactDirectoryName,
      stackExists: false,
      createLater: false,
      artifacts,
      previousByHash: new Map(),
      skipped: false,
      emptyChangeSet: false,
      uploadedKeys: [],
      reused: 0,
    };
  });

  api.hook('deploy:deploy', async () => {
    await api.spawn('aws:deploy:deploy');
    if (!current().plan) await api.spawn('aws:info');
  });

  api.hook('aws:deploy:deploy:createStack', async () => {
    const deploy = current();
    const target = deployTarget(api);
    const cloudFormation = clients().cloudFormation();
    let stack = await describeStack(cloudFormation, target.stackName);
    if (stack && isInProgress(stack.StackStatus) && stack.StackStatus !== 'REVIEW_IN_PROGRESS') {
      api.log.notice(`Stack ${target.stackName} is ${stack.StackStatus} (another operation is running); waiting for it to finish…`);
      const action = stack.StackStatus?.startsWith('DELETE') ? 'delete' : stack.StackStatus?.startsWith('CREATE') ? 'create' : 'update';
      await monitorStack({ cloudFormation, stackId: stack.StackId as string, action, since: new Date(0), log: api.log, progress: api.progress, verbose: verbose(), region: target.region });
      stack = await describeStack(cloudFormation, target.stackName);
    }
    if (stack && isReplaceable(stack.StackStatus) && !deploy.plan) {
      // A first deploy that failed leaves a stack that can only be deleted; clean it up so this one can succeed.
      api.log.notice(`Stack ${target.stackName} is ${stack.StackStatus} from an earlier failed deploy; removing it first.`);
      const since = new Date();
      await deleteStack(cloudFormation, target.stackName);
      await monitorStack({ cloudFormation, stackId: stack.StackId as string, action: 'delete', since, log: api.log, progress: api.progress, verbose: verbose(), region: target.region });
      stack = undefined;
    }
    if (stack && !isReplaceable(stack.StackStatus)) {
      deploy.stackExists = true;
      deploy.stackId = stack.StackId;
      deploy.stackStatus = stack.StackStatus;
      return;
    }
    if (deploy.plan) return;
    if (customDeploymentBucketName(target.configuration.provider)) {
      deploy.createLater = true;
      return;
    }
    api.log.notice(`Creating stack ${target.stackName} in ${target.region}`);
    const since = new Date();
    const template = { TemplateBody: JSON.stringify(deploy.coreTemplate) };
    const parameters = stackParameters(target.configuration.provider, target.stage, deploy.coreTemplate);
    let stackId: string | undefined;
    if (target.configuration.provider.deploymentMethod === 'direct') {
      stackId = await createStackDirectly(cloudFormation, { stackName: target.stackName, template, parameters, disableRollback: Boolean(target.configuration.provider.disableRollback) });
    } else {
      stackId = (await createChangeSet(cloudFormation, { stackName: target.stackName, type: 'CREATE', template, parameters })).stackId;
      await executeChangeSet(cloudFormation, target.stackName, false);
    }
    const result = await monitorStack({ cloudFormation, stackId: stackId ?? target.stackName, action: 'create', since, log: api.log, progress: api.progress, verbose: verbose(), region: target.region });
    if (result.status !== 'CREATE_COMPLETE') throw stackFailedError(target.stackName, target.region, result, 'create');
    deploy.stackExists = true;
    deploy.stackId = stackId;
    deploy.stackStatus = result.status;
  });

  api.hook('aws:deploy:deploy:checkForChanges', async () => {
    const deploy = current();
    const target = deployTarget(api);
    if (!deploy.stackExists && !deploy.createLater) return;
    deploy.bucket = await requireDeploymentBucket(clients().cloudFormation(), target.stackName, target.configuration.provider);
    const s3 = clients().s3();
    const deployments = await listDeployments(s3, deploy.bucket, target.artifactPrefix);
    const last = deployments[deployments.length - 1];
    if (!last) return;
    const remote = await deploymentHashes(s3, deploy.bucket, last);
    for (const [file, hash] of remote) if (hash) deploy.previousByHash.set(hash, `${last.directory}/${file}`);
    if (deploy.force) return;
    const local = new Map<string, string>([
      [TEMPLATE_FILE, normalizedTemplateHash(deploy.template)],
      [STATE_FILE, normalizedStateHash(deploy.state)],
      ...deploy.artifacts.map((artifact) => [artifact.name, artifact.sha256] as const),
    ]);
    // Only a stack that is healthy can be left as it is (a failed deploy leaves it rolled back).
    const healthy = deploy.stackStatus === 'CREATE_COMPLETE' || deploy.stackStatus === 'UPDATE_COMPLETE';
    if (healthy && sameHashes(local, remote)) deploy.skipped = true;
  });

  api.hook('aws:deploy:deploy:uploadArtifacts', async () => {
    const deploy = current();
    if (deploy.skipped || deploy.plan) return;
    const target = deployTarget(api);
    const bucket = deploy.bucket ?? (await requireDeploymentBucket(clients().cloudFormation(), target.stackName, target.configuration.provider));
    deploy.bucket = bucket;
    const templateBody = JSON.stringify(deploy.template);
    const stateBody = JSON.stringify(deploy.state, null, 2);
    const files: LocalArtifact[] = [
      { name: TEMPLATE_FILE, sha256: normalizedTemplateHash(deploy.template), contentType: 'application/json', body: async () => templateBody },
      { name: STATE_FILE, sha256: normalizedStateHash(deploy.state), contentType: 'application/json', body: async () => stateBody },
      ...deploy.artifacts,
    ];
    const progress = api.progress.create({ message: `Uploading ${files.length} files to S3`, name: 'upload' });
    try {
      const report = await uploadArtifacts({
        s3: clients().s3(),
        bucket,
        directory: deploy.artifactDirectoryName,
        artifacts: files,
        previous: deploy.previousByHash,
        encryption: encryptionParameters(target.configuration.provider.deploymentBucket),
        log: api.log,
      });
      deploy.uploadedKeys = [...report.uploaded, ...report.reused].map((name) => `${deploy.artifactDirectoryName}/${name}`);
      deploy.reused = report.reused.length;
      const zips = report.uploaded.filter((name) => name.endsWith('.zip'));
      api.log.verbose(`Uploaded ${zips.length} zip(s), reused ${report.reused.length} unchanged`);
    } finally {
      progress.remove();
    }
  });

  api.hook('aws:deploy:deploy:validateTemplate', async () => {
    const deploy = current();
    if (deploy.skipped || deploy.plan) return;
    const target = deployTarget(api);
    const { ValidateTemplateCommand } = cloudFormationSdk();
    const source = templateSource(JSON.stringify(deploy.template), { bucket: deploy.bucket as string, key: `${deploy.artifactDirectoryName}/${TEMPLATE_FILE}`, region: target.region });
    try {
      await clients().cloudFormation().send(new ValidateTemplateCommand(source));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const where = locateTemplateProblem(deploy.template, message);
      throw new StratusError('AWS_INVALID_CLOUDFORMATION_TEMPLATE', `The CloudFormation template is invalid${where ? ` at ${where}` : ''}: ${message}`, {
        hint: 'Look at .serverless/cloudformation-template-update-stack.json; the problem is usually in "resources:" of serverless.yml.',
        cause: error,
      });
    }
  });

  api.hook('aws:deploy:deploy:updateStack', async () => {
    const deploy = current();
    if (deploy.skipped) return;
    const target = deployTarget(api);
    const cloudFormation = clients().cloudFormation();
    const body = JSON.stringify(deploy.template);
    if (deploy.plan) {
      await showPlan(api, deploy, target.stackName, body);
      return;
    }
    const since = new Date();
    const type = deploy.createLater ? 'CREATE' : 'UPDATE';
    const action = type === 'CREATE' ? 'create' : 'update';
    const provider = target.configuration.provider;
    const disableRollback = Boolean(provider.disableRollback);
    const template = templateSource(body, { bucket: deploy.bucket as string, key: `${deploy.artifactDirectoryName}/${TEMPLATE_FILE}`, region: target.region });
    const parameters = stackParameters(provider, target.stage, deploy.template);
    let stackId: string | undefined;
    if (provider.deploymentMethod === 'direct') {
      stackId =
        type === 'CREATE'
          ? await createStackDirectly(cloudFormation, { stackName: target.stackName, template, parameters, disableRollback })
          : await updateStackDirectly(cloudFormation, { stackName: target.stackName, template, parameters, disableRollback, stackPolicy: provider.stackPolicy });
      if (!stackId) {
        deploy.emptyChangeSet = true;
        return;
      }
    } else {
      const changeSet = await createChangeSet(cloudFormation, { stackName: target.stackName, type, template, parameters });
      if (!changeSet.hasChanges) {
        deploy.emptyChangeSet = true;
        return;
      }
      await executeChangeSet(cloudFormation, target.stackName, disableRollback);
      stackId = changeSet.stackId;
    }
    const result = await monitorStack({ cloudFormation, stackId: stackId ?? target.stackName, action, since, log: api.log, progress: api.progress, verbose: verbose(), region: target.region });
    if (result.status !== (type === 'CREATE' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE')) throw stackFailedError(target.stackName, target.region, result, action);
    if (provider.deploymentMethod === 'direct') return;
    const stackPolicy = target.configuration.provider.stackPolicy;
    if (stackPolicy) {
      const { SetStackPolicyCommand } = cloudFormationSdk();
      await cloudFormation
        .send(new SetStackPolicyCommand({ StackName: target.stackName, StackPolicyBody: JSON.stringify({ Statement: stackPolicy }) }))
        .catch((error: unknown) => {
          throw toStratusError(error, 'CloudFormation', 'setStackPolicy');
        });
    }
  });

  api.hook('deploy:finalize', async () => {
    if (current().plan) return;
    await api.spawn('aws:deploy:finalize');
  });

  api.hook('aws:deploy:finalize:cleanup', async () => {
    const deploy = current();
    if (deploy.skipped || !deploy.bucket) return;
    const target = deployTarget(api);
    const s3 = clients().s3();
    if (deploy.emptyChangeSet) {
      // Keep the previous deployment as the baseline of the next comparison.
      await deleteKeys(s3, deploy.bucket, deploy.uploadedKeys);
      return;
    }
    const settings = target.configuration.provider.deploymentBucket;
    const keep = settings && typeof settings === 'object' && typeof settings.maxPreviousDeploymentArtifacts === 'number' ? settings.maxPreviousDeploymentArtifacts : 5;
    const removed = await pruneDeployments(s3, deploy.bucket, target.artifactPrefix, keep);
    if (removed > 0) api.log.verbose(`Removed ${removed} old deployment(s) from s3://${deploy.bucket}/${target.artifactPrefix}`);
  });

  api.hook('finalize', async () => {
    if (context.commands[0] !== 'deploy' || context.commands.length > 1 || !run) return;
    const target = deployTarget(api);
    if (run.plan) return;
    if (run.skipped) api.log.success(`No changes to deploy. Deployment skipped. (${seconds(run.startedAt)})`);
    else if (run.emptyChangeSet) api.log.success(`Change set did not include any changes to be deployed. (${seconds(run.startedAt)})`);
    else api.log.success(`Service deployed to stack ${target.stackName} (${seconds(run.startedAt)})`);
  });

  api.hook('error', async () => {
    if (context.commands[0] !== 'deploy' || context.commands.length > 1 || !run) return;
    const target = deployTarget(api);
    api.log.notice(`Stack ${target.stackName} failed to deploy (${seconds(run.startedAt)})`);
    // The failed deployment's files go, so the last good deployment stays the baseline.
    if (run.bucket && run.uploadedKeys.length > 0) await deleteKeys(clients().s3(), run.bucket, run.uploadedKeys).catch(() => undefined);
  });

  api.hook('aws:info:gatherData', async () => {
    const hooks = getAwsProviderHooks(context);
    const info = await gatherServiceInfo(clients().cloudFormation(), deployTarget(api), hooks);
    const isInfo = context.commands[0] === 'info';
    if (isInfo && context.options.json) {
      const { serviceInfoJson } = require('./service-info') as typeof import('./service-info');
      api.log.writeText(serviceInfoJson(info));
      return;
    }
    printServiceInfo(api.log, info, { header: isInfo, verbose: Boolean(context.options.verbose) });
  });
  api.hook('info:info', () => api.spawn('aws:info'));
}

/** `deploy --plan`: compute a change set, print it, delete it. Nothing else is changed. */
async function showPlan(api: PluginApi, deploy: DeployRun, stackName: string, body: string): Promise<void> {
  const target = deployTarget(api);
  const changedCode = deploy.artifacts.filter((artifact) => !deploy.previousByHash.has(artifact.sha256)).map((artifact) => artifact.name);
  if (!deploy.stackExists) {
    const resources = Object.entries(deploy.template.Resources).map(([id, resource]) => [id, resource.Type] as [string, string]);
    printPlan(api.log, { stackName, changes: [], changedCode, newStack: true, resources });
    return;
  }
  const cloudFormation = getAwsClients(api.service).cloudFormation();
  let uploadedTemplate: string | undefined;
  let source = templateSource(body, undefined);
  if ('TemplateBody' in source && Buffer.byteLength(body) > 51_200 && deploy.bucket) {
    // Too large to send inline: upload the template alone, under a key the next deploy ignores.
    const { PutObjectCommand } = s3Sdk();
    uploadedTemplate = `${target.artifactPrefix}-plans/${Date.now()}/${TEMPLATE_FILE}`;
    await getAwsClients(api.service).s3().send(new PutObjectCommand({ Bucket: deploy.bucket, Key: uploadedTemplate, Body: body }));
    source = templateSource(body, { bucket: deploy.bucket, key: uploadedTemplate, region: target.region });
  }
  try {
    const changeSet = await createChangeSet(cloudFormation, { stackName, type: 'UPDATE', template: source, parameters: stackParameters(target.configuration.provider, target.stage, deploy.template) });
    printPlan(api.log, { stackName, changes: changeSet.changes, changedCode, newStack: false });
  } finally {
    await deleteChangeSet(cloudFormation, stackName);
    if (uploadedTemplate && deploy.bucket) await deleteKeys(getAwsClients(api.service).s3(), deploy.bucket, [uploadedTemplate]);
  }
}
