import type { Logger, PluginApi, ServiceContext } from '@stratus/core';
import { AwsClients, type AwsClientConfig, type AwsClientSettings, type AwsServiceKey } from '../aws-clients';

/** One `send` a fake client received. */
export interface FakeCall {
  service: AwsServiceKey;
  region: string;
  /** The command class name without `Command`: `DescribeStacks`. */
  operation: string;
  input: Record<string, unknown>;
}

export type FakeHandler = (input: Record<string, unknown>, call: FakeCall) => unknown;

/** AwsClients whose clients answer from `handlers` (keyed by operation) and record every call. */
export function fakeAwsClients(handlers: Record<string, FakeHandler>, settings: Partial<AwsClientSettings> = {}) {
  const calls: FakeCall[] = [];
  const configs: Array<{ service: AwsServiceKey; config: AwsClientConfig }> = [];
  const clients = new AwsClients(() => ({ region: 'us-east-1', ...settings }), {
    env: {},
    factory: (service, config) => {
      configs.push({ service, config });
      return {
        config,
        async send(command: { input: Record<string, unknown>; constructor: { name: string } }) {
          const operation = command.constructor.name.replace(/Command$/, '');
          const call: FakeCall = { service, region: config.region, operation, input: command.input };
          calls.push(call);
          const handler = handlers[operation];
          if (!handler) throw new Error(`No fake for ${operation}`);
          return handler(command.input, call);
        },
      };
    },
  });
  return { clients, calls, configs };
}

/** An SDK-shaped error: `name` is the AWS code. */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
}

export interface FakeApi {
  api: PluginApi;
  stdout: string[];
  logs: string[];
  hooks: Map<string, () => unknown>;
}

/** A PluginApi with a service context and a logger that records what it writes. */
export function fakeApi(service: Partial<ServiceContext> & { configuration: Record<string, unknown> }): FakeApi {
  const stdout: string[] = [];
  const logs: string[] = [];
  const hooks = new Map<string, () => unknown>();
  const record = (...parts: unknown[]) => logs.push(parts.map(String).join(' '));
  const log = Object.assign(record, {
    error: record,
    warning: record,
    notice: record,
    success: record,
    info: record,
    verbose: record,
    debug: record,
    child: () => log,
    writeText: (...text: unknown[]) => stdout.push(text.map(String).join(' ')),
    settings: {},
  }) as unknown as Logger;
  const context: ServiceContext = {
    serviceDir: '/tmp/service',
    configFile: 'serverless.yml',
    options: {},
    locate: () => undefined,
    commands: [],
    ...service,
  } as ServiceContext;
  const api = {
    pluginName: 'test',
    service: context,
    log,
    hook: (id: string, handler: () => unknown) => hooks.set(id, handler),
  } as unknown as PluginApi;
  return { api, stdout, logs, hooks };
}
