'use strict';
// A plugin written as for Serverless Framework v3: a class with commands and hooks that uses the
// AWS provider the way community plugins do (serverless-prune-plugin, serverless-step-functions…).
// Each command prints what it found as one JSON line.

function errorShape(error) {
  const { providerError } = error;
  return {
    isError: error instanceof Error,
    name: error.name,
    code: error.code,
    message: error.message,
    statusCode: error.statusCode,
    providerErrorCodeExtension: error.providerErrorCodeExtension,
    providerError: providerError && { code: providerError.code, statusCode: providerError.statusCode, retryable: providerError.retryable },
  };
}

class ProbePlugin {
  constructor(serverless, options, { writeText }) {
    this.serverless = serverless;
    this.options = options;
    this.provider = serverless.getProvider('aws');
    this.writeText = writeText;
    this.commands = {
      probe: { usage: 'Calls AWS through provider.request after a deploy', lifecycleEvents: ['run'] },
      'probe-missing-client': { usage: 'Calls a service whose SDK client is not installed', lifecycleEvents: ['run'] },
      'probe-sdk': { usage: 'Reaches for the SDK v2 module', lifecycleEvents: ['run'] },
    };
    this.hooks = {
      'probe:run': () => this.probe(),
      'probe-missing-client:run': () => this.provider.request('Kafka', 'listClusters', {}),
      'probe-sdk:run': () => new this.provider.sdk.Lambda(),
    };
  }

  async probe() {
    const provider = this.provider;
    const functionName = this.serverless.service.getFunction('hello').name;
    const out = { functionName, stage: provider.getStage(), region: provider.getRegion() };

    const versions = await provider.request('Lambda', 'listVersionsByFunction', { FunctionName: functionName });
    out.versions = versions.Versions.map((version) => version.Version);
    out.versionsHaveMetadata = '$metadata' in versions;

    const stacks = await provider.request('CloudFormation', 'describeStacks', { StackName: provider.naming.getStackName() });
    out.stackStatus = stacks.Stacks[0].StackStatus;
    try {
      await provider.request('CloudFormation', 'describeStacks', { StackName: 'plugin-api-no-such-stack' });
      out.missingStack = 'no error';
    } catch (error) {
      out.missingStack = errorShape(error);
    }

    out.accountId = await provider.getAccountId();
    out.bucket = await provider.getServerlessDeploymentBucketName();
    const objects = await provider.request('S3', 'listObjectsV2', { Bucket: out.bucket });
    out.bucketHasArtifacts = (objects.Contents || []).some((object) => object.Key.endsWith('.zip'));

    const first = await provider.request('STS', 'getCallerIdentity', {}, { useCache: true });
    const second = await provider.request('STS', 'getCallerIdentity', {}, { useCache: true });
    out.cachedIdentity = first === second && first.Account === out.accountId;

    const { credentials } = provider.getCredentials();
    out.accessKeyId = credentials.accessKeyId;
    this.writeText(JSON.stringify(out));
  }
}

module.exports = ProbePlugin;
