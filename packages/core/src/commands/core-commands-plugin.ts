import type { CommandDefinition } from '../lifecycle/command-definition';
import type { StratusPlugin } from '../plugins/plugin-api';

const fn = { usage: 'Name of the function', shortcut: 'f', required: true, type: 'string' } as const;

/**
 * The commands of Serverless Framework v3, with their options and lifecycle events (provider
 * neutral: the provider and event plugins do the work by hooking these events).
 */
export const CORE_COMMANDS: Record<string, CommandDefinition> = {
  package: {
    usage: 'Package the service for deployment',
    lifecycleEvents: ['cleanup', 'initialize', 'setupProviderConfiguration', 'createDeploymentArtifacts', 'compileLayers', 'compileFunctions', 'compileEvents', 'finalize'],
    options: {
      package: { usage: 'Output directory for the package', shortcut: 'p', type: 'string' },
      'minify-template': { usage: 'Minify the CloudFormation template', type: 'boolean' },
    },
    commands: {
      function: { type: 'entrypoint', lifecycleEvents: ['package'], options: { function: fn } },
    },
  },
  deploy: {
    usage: 'Deploy the service',
    lifecycleEvents: ['deploy', 'finalize'],
    options: {
      conceal: { usage: 'Hide secrets from the output (e.g. API Gateway key values)', type: 'boolean' },
      package: { usage: 'Deploy a package made earlier (directory)', shortcut: 'p', type: 'string' },
      force: { usage: 'Deploy even if nothing changed', type: 'boolean' },
      'aws-s3-accelerate': { usage: 'Use S3 Transfer Acceleration for uploads', type: 'boolean' },
      'enforce-hash-update': { usage: 'Force a new Lambda version hash', type: 'boolean' },
      'minify-template': { usage: 'Minify the CloudFormation template', type: 'boolean' },
    },
    commands: {
      function: {
        usage: 'Deploy the code of one function',
        lifecycleEvents: ['initialize', 'packageFunction', 'deploy'],
        options: {
          function: fn,
          force: { usage: 'Deploy even if nothing changed', type: 'boolean' },
          'update-config': { usage: 'Update the configuration only, not the code', shortcut: 'u', type: 'boolean' },
        },
      },
      list: {
        usage: 'List deployments',
        lifecycleEvents: ['log'],
        commands: { functions: { usage: 'List deployed functions and their versions', lifecycleEvents: ['log'] } },
      },
    },
  },
  remove: { usage: 'Remove the deployed service', lifecycleEvents: ['remove'] },
  info: { usage: 'Show information about the deployed service', lifecycleEvents: ['info'], options: { json: { usage: 'Print as JSON', type: 'boolean' } } },
  invoke: {
    usage: 'Invoke a deployed function',
    lifecycleEvents: ['invoke'],
    options: {
      function: fn,
      qualifier: { usage: 'Version or alias', shortcut: 'q', type: 'string' },
      path: { usage: 'Path to a JSON or YAML file with the event', shortcut: 'p', type: 'string' },
      type: { usage: 'RequestResponse, Event or DryRun', shortcut: 't', type: 'string' },
      log: { usage: 'Print the log tail', shortcut: 'l', type: 'boolean' },
      data: { usage: 'Event data (JSON string)', shortcut: 'd', type: 'string' },
      raw: { usage: 'Pass --data as a raw string', type: 'boolean' },
      context: { usage: 'Context (JSON string)', type: 'string' },
      contextPath: { usage: 'Path to a JSON or YAML file with the context', type: 'string' },
    },
    commands: {
      local: {
        usage: 'Invoke a function locally',
        lifecycleEvents: ['loadEnvVars', 'invoke'],
        options: {
          function: fn,
          path: { usage: 'Path to a JSON or YAML file with the event', shortcut: 'p', type: 'string' },
          data: { usage: 'Event data (JSON string)', shortcut: 'd', type: 'string' },
          raw: { usage: 'Pass --data as a raw string', type: 'boolean' },
          context: { usage: 'Context (JSON string)', type: 'string' },
          contextPath: { usage: 'Path to a JSON or YAML file with the context', shortcut: 'x', type: 'string' },
          env: { usage: 'Environment variable KEY=VALUE (repeatable)', shortcut: 'e', type: 'multiple' },
          docker: { usage: 'Run in Docker (not supported by Stratus)', type: 'boolean' },
          'docker-arg': { usage: 'Argument for docker run', type: 'multiple' },
        },
      },
    },
  },
  logs: {
    usage: 'Show the logs of a function',
    lifecycleEvents: ['logs'],
    options: {
      function: fn,
      tail: { usage: 'Follow the logs', shortcut: 't', type: 'boolean' },
      startTime: { usage: 'Logs after this time (e.g. 30m, 2h, or a date)', type: 'string' },
      filter: { usage: 'CloudWatch filter pattern', type: 'string' },
      interval: { usage: 'Polling interval in ms with --tail', shortcut: 'i', type: 'string' },
    },
  },
  metrics: {
    usage: 'Show metrics of the service or a function',
    lifecycleEvents: ['metrics'],
    options: {
      function: { usage: 'Name of the function', shortcut: 'f', type: 'string' },
      startTime: { usage: 'Start time', type: 'string' },
      endTime: { usage: 'End time', type: 'string' },
    },
  },
  rollback: {
    usage: 'Roll the service back to an earlier deployment',
    lifecycleEvents: ['initialize', 'rollback'],
    options: { timestamp: { usage: 'Timestamp of the deployment (see "deploy list")', shortcut: 't', type: 'string' } },
    commands: {
      function: {
        usage: 'Roll one function back to an earlier version',
        lifecycleEvents: ['rollback'],
        options: { function: fn, 'function-version': { usage: 'Version to roll back to', required: true, type: 'string' } },
      },
    },
  },
  print: {
    usage: 'Print the resolved configuration',
    lifecycleEvents: ['print'],
    providerDependent: false,
    options: {
      format: { usage: 'yaml (default), json or text', type: 'string' },
      path: { usage: 'Dot path of the part to print, e.g. provider.environment', type: 'string' },
      transform: { usage: '"keys" to print only the keys', type: 'string' },
    },
  },
};

export const coreCommandsPlugin: StratusPlugin = {
  name: 'stratus:commands',
  apply(api) {
    for (const [name, definition] of Object.entries(CORE_COMMANDS)) api.registerCommand(name, definition);
  },
};
