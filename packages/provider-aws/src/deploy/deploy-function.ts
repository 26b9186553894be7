import { promises as fs } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { GetFunctionCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { StratusError, type PluginApi } from '@stratus/core';
import { getAwsClients } from '../aws/aws-clients';
import { isNotFound, toStratusError } from '../aws/aws-errors';
import type { AwsFunctionConfig, AwsServiceConfig } from '../config-types';
import { sha256Base64 } from './change-detection';
import { lambdaSdk } from '../aws/sdk';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait until an update has been applied (Lambda refuses the next one meanwhile). */
async function waitUntilUpdated(lambda: LambdaClient, name: string): Promise<void> {
  const { GetFunctionConfigurationCommand } = lambdaSdk();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const state = configuration.State ?? 'Active';
    const update = configuration.LastUpdateStatus ?? 'Successful';
    if (state === 'Active' && update === 'Successful') return;
    if (update === 'Failed') throw new StratusError('AWS_FUNCTION_UPDATE_FAILED', `Updating ${name} failed: ${configuration.LastUpdateStatusReason ?? 'no reason given'}.`, { hint: 'Fix the function configuration and deploy again.' });
    if (Date.now() > deadline) throw new StratusError('AWS_FUNCTION_UPDATE_TIMEOUT', `${name} did not become active within 60 s.`, { hint: 'Check the function in the Lambda console.' });
    await sleep(500);
  }
}

/** Configuration fields that differ between the config and the deployed function. */
function configurationChanges(fn: AwsFunctionConfig, provider: AwsServiceConfig['provider'], remote: GetFunctionCommandOutput['Configuration']): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const wanted: Record<string, unknown> = {
    Handler: fn.handler,
    MemorySize: fn.memorySize ?? provider.memorySize ?? 1024,
    Timeout: fn.timeout ?? provider.timeout ?? 6,
    Description: fn.description,
  };
  for (const [key, value] of Object.entries(wanted)) {
    if (value !== undefined && (remote as Record<string, unknown> | undefined)?.[key] !== value) changes[key] = value;
  }
  const environment = { ...(provider.environment ?? {}), ...(fn.environment ?? {}) };
  // Intrinsic values ({ Ref: … }) only CloudFormation can resolve: leave the environment alone then.
  const plain = Object.values(environment).every((value) => value === null || typeof value !== 'object');
  if (plain) {
    const variables = Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
    if (JSON.stringify(variables) !== JSON.stringify(remote?.Environment?.Variables ?? {})) changes.Environment = { Variables: variables };
  }
  return changes;
}

/** `deploy function -f fn`: the fast path, straight to Lambda, no CloudFormation (deploy-flow.md §4). */
export function registerDeployFunction(api: PluginApi): void {
  const lambda = () => getAwsClients(api.service).lambda();
  let remote: GetFunctionCommandOutput | undefined;
  let zipPath: string | undefined;
  const target = () => {
    const configuration = api.service.configuration as unknown as AwsServiceConfig;
    const key = String(api.service.options.function);
    const fn = configuration.functions?.[key];
    if (!fn) {
      throw new StratusError('AWS_FUNCTION_NOT_IN_SERVICE', `Function "${key}" is not in ${api.service.configFile}.`, {
        hint: `Functions of this service: ${Object.keys(configuration.functions ?? {}).join(', ') || 'none'}.`,
      });
    }
    return { key, fn, configuration };
  };

  api.hook('deploy:function:initialize', async () => {
    const { key, fn } = target();
    const { GetFunctionCommand } = lambdaSdk();
    try {
      remote = await lambda().send(new GetFunctionCommand({ FunctionName: fn.name }));
    } catch (error) {
      if (isNotFound(error)) {
        throw new StratusError('AWS_FUNCTION_NOT_YET_DEPLOYED', `The function "${key}" you want to update is not yet deployed.`, {
          hint: 'Run "stratus deploy" once to create it; "deploy function" only updates deployed functions.',
        });
      }
      throw toStratusError(error, 'Lambda', 'getFunction');
    }
  });

  api.hook('deploy:function:packageFunction', async () => {
    await api.spawn('package:function');
    const { key, fn, configuration } = target();
    // As v3: the function's package.artifact, else the service's (a bundler may have set either).
    const configured = [fn.package?.artifact, configuration.package?.artifact].find((artifact): artifact is string => typeof artifact === 'string' && artifact !== '');
    const configuredPath = configured === undefined ? undefined : path.resolve(api.service.serviceDir as string, configured);
    if (configuredPath && existsSync(configuredPath)) {
      zipPath = configuredPath;
      return;
    }
    const outputDir = path.join(api.service.serviceDir as string, '.serverless');
    const names = await fs.readdir(outputDir).catch(() => [] as string[]);
    const own = names.find((name) => name === `${key}.zip`) ?? names.find((name) => name.endsWith('.zip'));
    if (!own) throw new StratusError('AWS_FUNCTION_PACKAGE_MISSING', `Packaging function "${key}" produced no zip in ${outputDir}.`, { hint: 'Run with --verbose to see what was packaged.' });
    zipPath = path.join(outputDir, own);
  });

  api.hook('deploy:function:deploy', async () => {
    const { key, fn, configuration } = target();
    const { UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand } = lambdaSdk();
    const client = lambda();
    if (!api.service.options['update-config']) {
      const zip = await fs.readFile(zipPath as string);
      if (sha256Base64(zip) === remote?.Configuration?.CodeSha256 && !api.service.options.force) {
        api.log.notice('Code did not change. Function deployment skipped.');
      } else {
        await client.send(new UpdateFunctionCodeCommand({ FunctionName: fn.name, ZipFile: zip })).catch((error: unknown) => {
          throw toStratusError(error, 'Lambda', 'updateFunctionCode');
        });
        await waitUntilUpdated(client, fn.name);
        api.log.success(`Function code deployed: ${key}`);
      }
    }
    const changes = configurationChanges(fn, configuration.provider, remote?.Configuration);
    if (Object.keys(changes).length === 0) {
      api.log.notice('Configuration did not change. Configuration update skipped.');
    } else {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn.name, ...changes }));
          break;
        } catch (error) {
          // Lambda refuses a second update while the first is being applied: retry for a minute.
          if ((error as { name?: string }).name === 'ResourceConflictException' && attempt < 60) {
            await sleep(1000);
            continue;
          }
          throw toStratusError(error, 'Lambda', 'updateFunctionConfiguration');
        }
      }
      await waitUntilUpdated(client, fn.name);
      api.log.success(`Function configuration updated: ${key} (${Object.keys(changes).join(', ')})`);
    }
    await fs.rm(path.join(api.service.serviceDir as string, '.serverless'), { recursive: true, force: true });
  });
}
