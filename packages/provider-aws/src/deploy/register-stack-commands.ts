import { StratusError, type PluginApi } from '@stratus/core';
import { getAwsClients } from '../aws/aws-clients';
import { isNotFound, toStratusError } from '../aws/aws-errors';
import { deployTarget } from './deploy-context';
import { deleteKeys, listDeployments, listKeys, type Deployment } from './deployments';
import { findDeploymentBucket, requireDeploymentBucket } from './deployment-bucket';
import { lambdaSdk, s3Sdk } from '../aws/sdk';
import { monitorStack, stackFailedError } from './stack-monitor';
import { createChangeSet, deleteStack, describeStack, executeChangeSet, rollbackStackParameters } from './stack-operations';
import { templateSource } from './template-source';
import type { CfnTemplate } from '../template/cfn-template';

const seconds = (startedAt: number) => `${((Date.now() - startedAt) / 1000).toFixed(0)}s`;

/** `remove`, `deploy list` and `rollback` (deploy-flow.md §6–§7). */
export function registerStackCommands(api: PluginApi): void {
  const clients = () => getAwsClients(api.service);
  const verbose = () => Boolean(api.service.options.verbose);

  api.hook('remove:remove', async () => {
    const startedAt = Date.now();
    const target = deployTarget(api);
    const cloudFormation = clients().cloudFormation();
    const stack = await describeStack(cloudFormation, target.stackName);
    if (!stack) {
      throw new StratusError('AWS_STACK_NOT_FOUND', `Stack ${target.stackName} does not exist in ${target.region}: nothing to remove.`, {
        hint: 'Check --stage and --region (and provider.stackName).',
      });
    }
    const bucket = await findDeploymentBucket(cloudFormation, target.stackName, target.configuration.provider);
    if (bucket) {
      // Only this service and stage's folder: a shared custom bucket keeps everything else.
      const keys = await listKeys(clients().s3(), bucket, target.artifactPrefix).catch(() => []);
      await deleteKeys(clients().s3(), bucket, keys);
      api.log.verbose(`Removed ${keys.length} object(s) from s3://${bucket}/${target.artifactPrefix}`);
    } else {
      api.log.verbose('S3 bucket not found. Skipping S3 bucket objects removal');
    }
    const since = new Date();
    await deleteStack(cloudFormation, target.stackName, target.configuration.provider.iam?.deploymentRole ?? target.configuration.provider.cfnRole);
    const result = await monitorStack({ cloudFormation, stackId: stack.StackId as string, action: 'delete', since, log: api.log, progress: api.progress, verbose: verbose(), region: target.region });
    if (result.status !== 'DELETE_COMPLETE') throw stackFailedError(target.stackName, target.region, result, 'delete');
    api.log.success(`Service ${target.service} has been successfully removed (${seconds(startedAt)})`);
  });

  const deployments = async (): Promise<{ bucket: string; list: Deployment[] }> => {
    const target = deployTarget(api);
    const bucket = await requireDeploymentBucket(clients().cloudFormation(), target.stackName, target.configuration.provider);
    return { bucket, list: await listDeployments(clients().s3(), bucket, target.artifactPrefix) };
  };

  api.hook('deploy:list:log', async () => {
    const { list } = await deployments();
    if (list.length === 0) {
      api.log.notice("No deployments found, if that's unexpected ensure that stage and region are correct");
      return;
    }
    const lines: string[] = [];
    for (const deployment of list) {
      const date = new Date(deployment.timestamp).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
      lines.push(`${date}`, `Timestamp: ${deployment.timestamp}`, 'Files:', ...deployment.keys.map((key) => `  - ${key.slice(deployment.directory.length + 1)}`));
    }
    api.log.writeText(lines.join('\n'));
  });

  api.hook('deploy:list:functions:log', async () => {
    const { ListVersionsByFunctionCommand } = lambdaSdk();
    const target = deployTarget(api);
    const lines: string[] = [];
    for (const [key, fn] of Object.entries(target.configuration.functions ?? {})) {
      const versions: string[] = [];
      let marker: string | undefined;
      try {
        do {
          const page = await clients().lambda().send(new ListVersionsByFunctionCommand({ FunctionName: fn.name, Marker: marker }));
          versions.push(...(page.Versions ?? []).map((version) => version.Version ?? '').filter((version) => version !== '$LATEST'));
          marker = page.NextMarker;
        } while (marker);
      } catch (error) {
        if (!isNotFound(error)) throw toStratusError(error, 'Lambda', 'listVersionsByFunction');
        lines.push(`${key}: not deployed`);
        continue;
      }
      lines.push(`${key}: ${versions.slice(-5).join(', ') || '$LATEST only'}`);
    }
    api.log.writeText(lines.join('\n'));
  });

  api.hook('rollback:rollback', async () => {
    const startedAt = Date.now();
    const raw = api.service.options.timestamp;
    if (raw === undefined) {
      api.log.notice('Use a timestamp from the deploy list below to rollback to a specific version.\nRun `stratus rollback -t YourTimeStampHere`');
      await api.spawn('deploy:list');
      return;
    }
    const target = deployTarget(api);
    const text = String(raw);
    const timestamp = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    const { bucket, list } = await deployments();
    if (list.length === 0) {
      throw new StratusError('AWS_ROLLBACK_DEPLOYMENTS_NOT_FOUND', `No deployments of ${target.service} (${target.stage}) found.`, { hint: 'Check --stage and --region.' });
    }
    const deployment = list.find((candidate) => candidate.timestamp === timestamp);
    const templateKey = deployment?.keys.find((key) => key.endsWith('/compiled-cloudformation-template.json'));
    if (!deployment || !templateKey) {
      throw new StratusError('AWS_ROLLBACK_DEPLOYMENT_NOT_FOUND', `No deployment with timestamp ${text} (or it has no template).`, {
        hint: 'Run "stratus deploy list" and use one of the timestamps it prints.',
      });
    }
    const { GetObjectCommand } = s3Sdk();
    const object = await clients()
      .s3()
      .send(new GetObjectCommand({ Bucket: bucket, Key: templateKey }))
      .catch((error: unknown) => {
        throw toStratusError(error, 'S3', 'getObject');
      });
    const body = (await object.Body?.transformToString()) ?? '';
    const template = JSON.parse(body) as CfnTemplate;
    const cloudFormation = clients().cloudFormation();
    const since = new Date();
    const changeSet = await createChangeSet(cloudFormation, {
      stackName: target.stackName,
      type: 'UPDATE',
      template: templateSource(body, { bucket, key: templateKey, region: target.region }),
      parameters: rollbackStackParameters(target.configuration.provider, target.stage, template),
    });
    if (!changeSet.hasChanges) {
      api.log.success('No updates to be performed. Rollback skipped.');
      return;
    }
    await executeChangeSet(cloudFormation, target.stackName, false);
    const result = await monitorStack({ cloudFormation, stackId: changeSet.stackId ?? target.stackName, action: 'update', since, log: api.log, progress: api.progress, verbose: verbose(), region: target.region });
    if (result.status !== 'UPDATE_COMPLETE') throw stackFailedError(target.stackName, target.region, result, 'update');
    api.log.success(`Service rolled back to timestamp "${text}" (${seconds(startedAt)})`);
  });
}
