import { didYouMean, StratusError, type PluginApi } from '@stratus/core';
import type { AwsClients } from '../aws/aws-clients';
import { isNotFound, toStratusError } from '../aws/aws-errors';
import { lambdaSdk } from '../aws/sdk';
import { deployedFunction } from './deployed-function';
import { parseJsonOrText, readDataFile } from './event-data';
import { formatLambdaLogMessage } from './log-format';

/** The options of `invoke` (v3's names). */
export interface InvokeOptions {
  function?: unknown;
  data?: unknown;
  path?: unknown;
  raw?: unknown;
  type?: unknown;
  qualifier?: unknown;
  log?: unknown;
  context?: unknown;
  contextPath?: unknown;
}

export interface InvokeResult {
  statusCode: number | undefined;
  /** The payload as text (empty for `Event` and `DryRun`). */
  payload: string;
  functionError: string | undefined;
  /** The decoded log tail (with `--log`). */
  log: string | undefined;
}

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

/**
 * `invoke -f <fn>`: calls the deployed function (Lambda Invoke) with the event from `--data`
 * (JSON, or the text itself when it is not JSON or with `--raw`) or `--path` (a JSON or YAML file,
 * relative to the service directory); `--type`, `--qualifier`, `--context`/`--contextPath`
 * (sent as ClientContext). Prints the payload (pretty JSON when it is JSON) and, with `--log`, the
 * log tail. A function error prints its payload and fails with `AWS_LAMBDA_INVOCATION_FAILED`.
 */
export async function runInvoke(api: PluginApi, clients: AwsClients, options: InvokeOptions): Promise<InvokeResult> {
  const fn = deployedFunction(api.service, options.function);
  const serviceDir = api.service.serviceDir ?? process.cwd();
  const raw = options.raw === true || options.raw === 'true';
  const invocationType = parseType(options.type);
  const event = await readEvent(options, serviceDir, raw);
  const clientContext = await readClientContext(options, serviceDir);
  const qualifier = typeof options.qualifier === 'string' && options.qualifier !== '' ? options.qualifier : undefined;
  const withLog = options.log === true || options.log === 'true';

  const { InvokeCommand } = lambdaSdk();
  let response: { StatusCode?: number; FunctionError?: string; LogResult?: string; Payload?: Uint8Array };
  try {
    response = await clients.lambda().send(
      new InvokeCommand({
        FunctionName: fn.name,
        InvocationType: invocationType,
        LogType: withLog ? 'Tail' : 'None',
        Payload: Buffer.from(JSON.stringify(event ?? {})),
        ...(qualifier ? { Qualifier: qualifier } : {}),
        ...(clientContext ? { ClientContext: clientContext } : {}),
      }),
    );
  } catch (error) {
    const mapped = toStratusError(error, 'Lambda', 'invoke');
    if (isNotFound(error)) {
      throw new StratusError(mapped.code, `Function "${fn.key}" (${fn.name}${qualifier ? `:${qualifier}` : ''}) is not deployed in this region: ${(error as Error).message}`, {
        hint: 'Deploy the service first ("stratus deploy"), and check --stage, --region and --qualifier.',
        cause: error,
      });
    }
    throw mapped;
  }

  const payload = response.Payload && response.Payload.length > 0 ? Buffer.from(response.Payload).toString('utf8') : '';
  if (payload !== '') api.log.writeText(prettyPayload(payload));
  const log = response.LogResult ? Buffer.from(response.LogResult, 'base64').toString('utf8') : undefined;
  if (log !== undefined) {
    api.log.writeText('--------------------------------------------------------------------');
    for (const line of log.replace(/\n$/, '').split('\n')) api.log.writeText(formatLambdaLogMessage(line));
  }
  if (response.FunctionError) {
    throw new StratusError('AWS_LAMBDA_INVOCATION_FAILED', `Invoked function "${fn.key}" failed (${response.FunctionError} error).`, {
      hint: withLog ? 'The error payload and the log tail are printed above.' : 'The error payload is printed above; --log adds the end of the function log.',
    });
  }
  return { statusCode: response.StatusCode, payload, functionError: response.FunctionError, log };
}

function parseType(value: unknown): InvocationType {
  if (value === undefined || value === null || value === '') return 'RequestResponse';
  const type = String(value);
  if ((INVOCATION_TYPES as readonly string[]).includes(type)) return type as InvocationType;
  throw new StratusError('INVOKE_INVALID_TYPE', `Invalid --type "${type}".${didYouMean(type, INVOCATION_TYPES)}`, {
    hint: `Use one of ${INVOCATION_TYPES.join(', ')}.`,
  });
}

/** The event: `--path` file, else `--data` (JSON when it parses, unless `--raw`), else `{}`. */
async function readEvent(options: InvokeOptions, serviceDir: string, raw: boolean): Promise<unknown> {
  if (typeof options.path === 'string' && options.path !== '') return readDataFile(options.path, serviceDir, '--path');
  if (options.data === undefined || options.data === null) return undefined;
  const data = String(options.data);
  return raw ? data : parseJsonOrText(data);
}

/** `--contextPath` file or `--context` text, as the base64 JSON Lambda expects in ClientContext. */
async function readClientContext(options: InvokeOptions, serviceDir: string): Promise<string | undefined> {
  let context: unknown;
  if (typeof options.contextPath === 'string' && options.contextPath !== '') context = await readDataFile(options.contextPath, serviceDir, '--contextPath');
  else if (options.context !== undefined && options.context !== null && options.context !== '') context = parseJsonOrText(String(options.context));
  else return undefined;
  return Buffer.from(JSON.stringify(context)).toString('base64');
}



/** JSON payloads pretty-printed (4 spaces, as v3); anything else as it came. */
function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 4);
  } catch {
    return payload;
  }
}
