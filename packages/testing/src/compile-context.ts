import type { Logger } from '@stratus/core';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deploymentBucketReference, emptyTemplate, naming, TemplateBuilder, type AwsFunctionConfig, type AwsServiceConfig, type CfnTemplate, type EventCompileContext, type FunctionEvent } from '@stratus/provider-aws';

/** A logger that records what it is given, for assertions. */
export function recordingLogger(): Logger & { lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  const at = (level: string) => (...message: unknown[]) => void lines.push([level, message.map(String).join(' ')]);
  const log = Object.assign(at('notice'), {
    lines,
    error: at('error'),
    warning: at('warning'),
    notice: at('notice'),
    success: at('success'),
    info: at('info'),
    verbose: at('verbose'),
    debug: at('debug'),
    writeText: at('text'),
    settings: {} as Logger['settings'],
  });
  return Object.assign(log, { child: () => log }) as unknown as Logger & { lines: Array<[string, string]> };
}


/** Every event of one type, in function order (what the provider hands an event compiler). */
export function eventsOfType(functions: Record<string, AwsFunctionConfig>, eventType: string): FunctionEvent[] {
  const events: FunctionEvent[] = [];
  for (const [functionKey, fn] of Object.entries(functions)) {
    (fn.events ?? []).forEach((event, index) => {
      if (event && typeof event === 'object' && eventType in event) events.push({ functionKey, function: fn, definition: event[eventType], index });
    });
  }
  return events;
}

export interface ContextOptions {
  service?: string;
  stage?: string;
  region?: string;
  provider?: Record<string, unknown>;
  /** `functions` as in serverless.yml; `name` defaults to `<service>-<stage>-<key>`. */
  functions: Record<string, Partial<AwsFunctionConfig> & { events: Array<Record<string, unknown>> }>;
  resources?: AwsServiceConfig['resources'];
  template?: CfnTemplate;
  extra?: Record<string, unknown>;
}

/** A compile context as the provider builds it, around a fresh (or given) template. */
export function compileContext(eventType: string, options: ContextOptions): EventCompileContext & { log: ReturnType<typeof recordingLogger> } {
  const serviceName = options.service ?? 'svc';
  const stage = options.stage ?? 'dev';
  const region = options.region ?? 'us-east-1';
  const functions: Record<string, AwsFunctionConfig> = {};
  for (const [key, fn] of Object.entries(options.functions)) functions[key] = { name: `${serviceName}-${stage}-${key}`, ...fn } as AwsFunctionConfig;
  const service = {
    service: serviceName,
    provider: { name: 'aws', stage, region, ...(options.provider ?? {}) },
    functions,
    ...(options.resources ? { resources: options.resources } : {}),
    ...(options.extra ?? {}),
  } as AwsServiceConfig;
  return contextForService(eventType, service, options.template);
}

/** A compile context for a resolved configuration (what `stratus print --format json` shows). */
export function contextForService(eventType: string, service: AwsServiceConfig, template?: CfnTemplate): EventCompileContext & { log: ReturnType<typeof recordingLogger> } {
  const functions = service.functions ?? {};
  const stage = service.provider.stage;
  const region = service.provider.region;
  const builder = new TemplateBuilder(template ?? emptyTemplate());
  const log = recordingLogger();
  return {
    eventType,
    events: eventsOfType(functions, eventType),
    builder,
    service,
    stage,
    region,
    naming,
    instanceId: '1700000000000',
    configFile: 'serverless.yml',
    locate: () => ({ file: 'serverless.yml' }),
    outputDir: mkdtempSync(path.join(os.tmpdir(), 'stratus-compile-')),
    artifactDirectoryName: String(service.package?.artifactDirectoryName ?? `${String(service.provider.deploymentPrefix ?? 'serverless')}/${service.service}/${stage}/1700000000000-2023-11-14T22:13:20.000Z`),
    deploymentBucket: deploymentBucketReference(service.provider),
    log,
    functionTargetArn: (key) => {
      const arn = { 'Fn::GetAtt': [naming.getLambdaLogicalId(key), 'Arn'] };
      const alias = functions[key]?.provisionedConcurrency ? 'provisioned' : functions[key]?.snapStart ? 'snapstart' : undefined;
      return alias ? { 'Fn::Join': [':', [arn, alias]] } : arn;
    },
    addRoleStatement: (statement) => {
      const role = builder.getResource(naming.getRoleLogicalId());
      const policies = role?.Properties?.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }> | undefined;
      policies?.[0]?.PolicyDocument.Statement.push(statement);
    },
  };
}

/** The shared execution role as the provider adds it (trust + one policy). */
export function executionRole(): Record<string, unknown> {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
      },
      Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [] } }],
    },
  };
}
