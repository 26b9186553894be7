import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PluginApi } from '@stratus/core';
import { compileFunctions, functionTargetArn } from '../compile/functions';
import { buildCoreTemplate, customDeploymentBucketName, deploymentBucketReference } from '../compile/core-template';
import { addExportNamesToOutputs, mergeCustomResources, stripNullProperties } from '../compile/finalize-template';
import { addExecutionRole, addRoleStatement } from '../compile/iam-role';
import { addLogGroups } from '../compile/log-groups';
import type { AwsFunctionConfig, AwsServiceConfig } from '../config-types';
import type { Artifact } from '../packaging';
import { compileEvents } from '../events/compile-events';
import { getAwsProviderHooks } from '../events/event-hooks';
import { naming } from '../naming/naming';
import { regionOf, stageOf } from '../provider/stage-region';
import { TemplateBuilder } from '../template/template-builder';
import { compiledArtifact, recordArtifactPaths } from './artifact-paths';
import type { PackageState } from './package-state';
import { writeCreateTemplate, writeServiceState, writeUpdateTemplate } from './write-artifacts';

const OUTPUT_DIR = '.serverless';

/** The `package` lifecycle for AWS, hook by hook, in v3's order (lifecycle.md §4). */
export function registerPackageSteps(api: PluginApi): void {
  const context = api.service;
  const config = () => context.configuration as unknown as AwsServiceConfig;
  const functions = () => (config().functions ?? {}) as Record<string, AwsFunctionConfig>;
  const serviceDir = () => context.serviceDir as string;
  // v3 plugins may repoint the service folder (`config.servicePath`) to a build folder inside it;
  // packaging then reads that folder, and symbolic links may still lead back into the service.
  const projectDir = context.serviceDir;
  const minify = () => Boolean(context.options['minify-template']);
  let state: PackageState = { startedAt: Date.now(), outputDir: '', functionArtifacts: new Map() };
  const builder = (): TemplateBuilder => {
    if (!state.builder) throw new Error('The template is not built yet: package:initialize has not run.');
    return state.builder;
  };

  api.hook('package:cleanup', async () => {
    state = { startedAt: Date.now(), outputDir: path.join(serviceDir(), OUTPUT_DIR), functionArtifacts: new Map() };
    await api.spawn('aws:common:validate');
    await api.spawn('aws:common:cleanupTempDir');
  });
  api.hook('aws:common:validate:validate', () => {
    // As v3: the resolved stage and region are written into the shared options.
    context.options.stage = stageOf(context);
    context.options.region = regionOf(context);
  });
  api.hook('aws:common:cleanupTempDir:cleanup', () => fs.rm(path.join(serviceDir(), OUTPUT_DIR), { recursive: true, force: true }));

  api.hook('package:initialize', async () => {
    const provider = config().provider;
    const core = buildCoreTemplate(provider, { s3Accelerate: Boolean(context.options['aws-s3-accelerate']) });
    state.coreTemplate = structuredClone(core);
    state.builder = new TemplateBuilder(core);
    // v3 plugins edit this object directly; it is the one the builder fills.
    Object.assign(provider, { compiledCloudFormationTemplate: core, coreCloudFormationTemplate: state.coreTemplate });
    if (customDeploymentBucketName(provider) === undefined) await writeCreateTemplate(state.outputDir, core, minify());
  });

  api.hook('package:setupProviderConfiguration', () => {
    const { service, provider } = config();
    addLogGroups(builder(), provider, functions());
    addExecutionRole(builder(), service, stageOf(context), provider, functions());
  });

  api.hook('package:createDeploymentArtifacts', async () => {
    // Required here, not at the top: archive code is only loaded by commands that package.
    const { packageService } = require('../packaging') as typeof import('../packaging');
    // As v3, zips go to `.serverless` of the service folder as it is now (a plugin may have repointed it).
    const result = await packageService({
      serviceDir: serviceDir(),
      configFile: context.configFile ?? 'serverless.yml',
      configuration: context.configuration,
      outputDir: path.join(serviceDir(), OUTPUT_DIR),
      log: api.log,
      ...(projectDir === undefined ? {} : { containmentRoot: projectDir }),
    });
    state.functionArtifacts = result.functionArtifacts;
    if (result.serviceArtifact) state.serviceArtifact = result.serviceArtifact;
    recordArtifactPaths(context.configuration, result);
  });

  api.hook('package:function:package', async () => {
    // One function's zip, for `deploy function` (v3's package:function entry point).
    const outputDir = path.join(serviceDir(), OUTPUT_DIR);
    await fs.rm(outputDir, { recursive: true, force: true });
    const { packageService } = require('../packaging') as typeof import('../packaging');
    const result = await packageService({
      serviceDir: serviceDir(),
      configFile: context.configFile ?? 'serverless.yml',
      configuration: context.configuration,
      outputDir,
      log: api.log,
      onlyFunction: String(context.options.function),
      ...(projectDir === undefined ? {} : { containmentRoot: projectDir }),
    });
    // v3's package:function zips the function on its own: the zip is the function's artifact.
    const artifact = result.functionArtifacts.get(String(context.options.function));
    if (artifact) recordArtifactPaths(context.configuration, { functionArtifacts: new Map([[String(context.options.function), artifact]]), layerArtifacts: new Map() });
  });

  // As v3, set before layers compile too, so a plugin's compileLayers hook sees it.
  const setArtifactDirectoryName = (): void => {
    if (state.artifactDirectoryName) return;
    const now = new Date();
    const prefix = (config().provider.deploymentPrefix as string | undefined) ?? 'serverless';
    state.artifactDirectoryName = `${prefix}/${config().service}/${stageOf(context)}/${now.getTime()}-${now.toISOString()}`;
    const packageConfig = (config().package ??= {});
    packageConfig.artifactDirectoryName = state.artifactDirectoryName;
  };
  api.hook('before:package:compileLayers', setArtifactDirectoryName);
  api.hook('before:package:compileFunctions', setArtifactDirectoryName);

  api.hook('package:compileFunctions', () => {
    const bucket = deploymentBucketReference(config().provider);
    // Plugins may have moved or replaced the zips since packaging: read the artifacts back from the configuration.
    const hashed = new Map<string, Artifact>();
    for (const [key, packaged] of state.functionArtifacts) {
      const artifact = compiledArtifact(context.configuration, serviceDir(), key, packaged, hashed);
      if (artifact) state.functionArtifacts.set(key, artifact);
      if (artifact && packaged === state.serviceArtifact) state.serviceArtifact = artifact;
    }
    compileFunctions({
      builder: builder(),
      provider: config().provider,
      functions: functions(),
      code: (key) => {
        const artifact = state.functionArtifacts.get(key);
        if (!artifact) return {};
        return { s3Bucket: bucket, s3Key: `${state.artifactDirectoryName}/${path.basename(artifact.path)}`, sha256: artifact.sha256 };
      },
    });
  });

  api.hook('package:compileEvents', () =>
    compileEvents(
      getAwsProviderHooks(context),
      functions(),
      (eventType, events) => ({
        eventType,
        events,
        builder: builder(),
        service: config(),
        stage: stageOf(context),
        region: regionOf(context),
        naming,
        instanceId: String((api.serverless as { instanceId?: string }).instanceId ?? Date.now()),
        configFile: context.configFile ?? 'serverless.yml',
        locate: context.locate,
        outputDir: state.outputDir,
        artifactDirectoryName: state.artifactDirectoryName ?? '',
        deploymentBucket: deploymentBucketReference(config().provider),
        log: api.log,
        functionTargetArn: (key) => functionTargetArn(key, functions()[key] as AwsFunctionConfig),
        addRoleStatement: (statement) => addRoleStatement(builder(), statement),
      }),
      context.locate,
    ),
  );

  api.hook('package:finalize', () => api.spawn('aws:package:finalize'));
  api.hook('aws:package:finalize:addExportNameForOutputs', () => addExportNamesToOutputs(builder().template, config().service, stageOf(context)));
  api.hook('aws:package:finalize:mergeCustomProviderResources', () => mergeCustomResources(builder().template, config().resources, context.configFile ?? 'serverless.yml'));
  api.hook('aws:package:finalize:stripNullPropsFromTemplateResources', () => stripNullProperties(builder().template));
  api.hook('aws:package:finalize:saveServiceState', async () => {
    const template = builder().template;
    await writeUpdateTemplate(state.outputDir, template, minify());
    const artifacts = Object.fromEntries(
      [...state.functionArtifacts].map(([key, artifact]) => [key, { file: path.basename(artifact.path), sha256: artifact.sha256, size: artifact.size, path: artifact.path }]),
    );
    await writeServiceState(
      state.outputDir,
      config(),
      {
        package: {
          individually: Boolean(config().package?.individually),
          artifactDirectoryName: state.artifactDirectoryName,
          artifact: state.serviceArtifact ? path.basename(state.serviceArtifact.path) : undefined,
        },
        artifacts,
      },
      { compiled: template, core: state.coreTemplate },
    );
    await api.spawn('aws:common:moveArtifactsToPackage');
  });

  api.hook('aws:common:moveArtifactsToPackage:move', async () => {
    const target = (context.options.package as string | undefined) ?? (config().package?.path as string | undefined);
    if (!target) return;
    const destination = path.resolve(serviceDir(), target);
    if (destination === state.outputDir) return;
    await fs.rm(destination, { recursive: true, force: true });
    await fs.cp(state.outputDir, destination, { recursive: true });
    await fs.rm(state.outputDir, { recursive: true, force: true });
  });

  api.hook('finalize', () => {
    if (context.commands[0] !== 'package') return;
    api.log.success(`Service packaged (${process.uptime().toFixed(1)}s)`);
  });
}
