import { booleanOr, closedObject, ref, type JsonSchema } from './json-schema';

/** Access and execution logging shared by REST and WebSocket APIs. */
const apiLogging = (extra: Record<string, JsonSchema> = {}): JsonSchema =>
  booleanOr(
    closedObject({
      accessLogging: { type: 'boolean' },
      executionLogging: { type: 'boolean' },
      format: { type: 'string' },
      fullExecutionData: { type: 'boolean' },
      level: { type: 'string', enum: ['INFO', 'ERROR'] },
      ...extra,
    }),
  );

/** `provider.logs`: logging of the APIs the framework creates and of the functions. */
export const logsSchema: JsonSchema = closedObject({
  restApi: apiLogging({ role: ref('awsArn'), roleManagedExternally: { type: 'boolean' } }),
  websocket: apiLogging(),
  httpApi: booleanOr(closedObject({ format: { type: 'string' } })),
  // Logs of the framework's own helper functions (custom resources).
  frameworkLambda: { type: 'boolean' },
  // Lambda's advanced logging controls, for every function.
  lambda: closedObject({
    logFormat: { type: 'string', enum: ['JSON', 'Text'] },
    applicationLogLevel: { type: 'string', enum: ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] },
    systemLogLevel: { type: 'string', enum: ['DEBUG', 'INFO', 'WARN'] },
    logGroup: { type: 'string' },
  }),
});
