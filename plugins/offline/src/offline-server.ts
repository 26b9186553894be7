import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import * as path from 'node:path';
import { stageOf, type Logger } from '@stratus/core';
import { LocalLambdaRuntime, type InvokeOutcome, type LocalFunction } from '@stratus/lambda-runtime';
import { isApiKeyAccepted } from './api-keys';
import { AuthorizerEvaluator } from './authorizers';
import { addCorsHeaders, corsSettingsOf, preflightHeaders } from './cors';
import { offlineErrors } from './errors';
import { buildProxyEvent, requestParts, type ProxyEvent } from './event-builder';
import type { LambdaIntegration } from './lambda-integration';
import { regionOf } from './local-functions';
import { mediaTypeOf } from './media-type';
import { ignoredCustomOptions, resolveOptions, type OfflineOptions } from './options';
import { invalidRequestBody, missingParameters, missingParametersReply } from './request-validation';
import { endpointTimeout, internalServerError, jsonReply, mapProxyOutcome, type HttpReply } from './response-mapper';
import { routeUrl, type Route } from './routes';
import { buildState } from './service-state';

/** API Gateway's own integration timeout. */
const API_GATEWAY_TIMEOUT_MS = 29_000;
/** serverless-offline's request size limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** What `startOffline` needs: the service as the plugin API gives it. */
export interface OfflineContext {
  configuration: Record<string, unknown>;
  /** CLI options (`api.service.options`): `stage`, `region`, `httpPort`… */
  options: Record<string, unknown>;
  serviceDir: string;
  log: Logger;
  /**
   * The compiled lambda-proxy codec (`proxy-codec.js`) Node handlers' workers load to build the
   * event themselves; `null` builds every event here. Default: the one next to this module, when
   * it runs compiled.
   */
  proxyCodecPath?: string | null;
}

/** Running compiled, the codec sits next to this module; from TypeScript sources (tests) it does not. */
function defaultProxyCodecPath(): string | null {
  const compiled = path.join(__dirname, 'proxy-codec.js');
  return existsSync(compiled) ? compiled : null;
}

const PROXY_CODEC = 'lambda-proxy';

export interface OfflineServer {
  /** `http(s)://host:port` of the API Gateway emulator. */
  readonly url: string;
  readonly port: number;
  readonly options: OfflineOptions;
  readonly runtime: LocalLambdaRuntime;
  /** Accepted API keys. */
  readonly apiKeys: ReadonlySet<string>;
  /** Routes as `METHOD url` lines (the route table). */
  readonly routeTable: string[];
  /** The service's functions as the runtime runs them, by function key. */
  functions(): ReadonlyMap<string, LocalFunction>;
  /** Drop warm handler instances (next request loads fresh code) and cached authorizer results. */
  reload(): Promise<void>;
  /** Re-read functions and routes from a changed configuration (for a watcher). */
  updateConfiguration(configuration: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** `--httpsProtocol <dir>`: its `cert.pem` and `key.pem` (relative to the service folder). */
function readHttpsFiles(dir: string, serviceDir: string): { cert: Buffer; key: Buffer } {
  const read = (name: string): Buffer => {
    const file = path.resolve(serviceDir, dir, name);
    try {
      return readFileSync(file);
    } catch (error) {
      throw offlineErrors.httpsFileUnreadable(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
    }
  };
  return { cert: read('cert.pem'), key: read('key.pem') };
}

/** The API Gateway emulator's server: HTTP, or HTTPS with `--httpsProtocol`. */
function createGatewayServer(options: OfflineOptions, serviceDir: string, listener: RequestListener): Server {
  const settings = { keepAliveTimeout: 65_000 };
  if (options.httpsProtocol === '') return createServer(settings, listener);
  // An https.Server is an http.Server for everything used here (listen, close, closeAllConnections).
  return createHttpsServer({ ...settings, ...readHttpsFiles(options.httpsProtocol, serviceDir) }, listener) as unknown as Server;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? offlineErrors.portInUse(port, host, 'httpPort') : error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function send(res: ServerResponse, reply: HttpReply): void {
  // A known length: no chunked encoding (cheaper, and what API Gateway sends).
  reply.headers['content-length'] = typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.length;
  res.writeHead(reply.statusCode, reply.headers);
  res.end(reply.body);
}

/** The body, or undefined when it is larger than the limit. Requests without a body do not wait. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> | Buffer {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return EMPTY;
  if (req.headers['content-length'] === '0') return EMPTY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
const EMPTY = Buffer.alloc(0);

/**
 * Starts the API Gateway emulator for a service: every `http` event served as a REST API
 * lambda-proxy integration, handlers run by the local Lambda runtime (each function in its own
 * workers), the route table printed. Resolves once the server listens.
 */
export async function startOffline(context: OfflineContext): Promise<OfflineServer> {
  const { log, serviceDir } = context;
  const options = resolveOptions(context.options, context.configuration);
  for (const warning of ignoredCustomOptions(context.configuration)) log.warning(warning);
  const stage = stageOf({ configuration: context.configuration, options: context.options });
  const region = regionOf(context.configuration, context.options);
  const stagePath = options.noPrependStageInUrl ? '' : `/${stage}`;
  const base = `${options.prefix ? `/${options.prefix}` : ''}${stagePath}`;
  let state = buildState(context.configuration, stage, base, serviceDir, log, true);

  const proxyCodecPath = context.proxyCodecPath === undefined ? defaultProxyCodecPath() : context.proxyCodecPath;
  const verbose = log.settings.verbose || log.settings.debug;
  const runtime = new LocalLambdaRuntime({
    region,
    baseEnvironment: { IS_OFFLINE: 'true' },
    allHostVariables: options.localEnvironment,
    idleTimeoutMs: options.terminateIdleLambdaTime * 1000,
    ...(proxyCodecPath ? { codecs: { [PROXY_CODEC]: proxyCodecPath } } : {}),
    onLog: (fn, _requestId, line) => log.notice(`(λ: ${fn}) ${line}`),
  });
  const authorizers = new AuthorizerEvaluator(runtime, () => state.functions, region, log);

  async function invokeWithGatewayTimeout(fn: LocalFunction, event: unknown, codec?: string): Promise<InvokeOutcome | 'gateway-timeout'> {
    if (options.reloadHandler) await runtime.reload(fn.key);
    const running = runtime.invoke(fn, event, codec === undefined ? { noTimeout: options.noTimeout } : { noTimeout: options.noTimeout, codec });
    // The runtime enforces the function's own timeout; API Gateway gives up after 29 s whatever it is.
    if (options.noTimeout || fn.timeoutSeconds * 1000 <= API_GATEWAY_TIMEOUT_MS) return running;
    let timer: NodeJS.Timeout | undefined;
    const gateway = new Promise<'gateway-timeout'>((resolve) => {
      timer = setTimeout(() => resolve('gateway-timeout'), API_GATEWAY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([running, gateway]);
    } finally {
      clearTimeout(timer);
    }
  }

  function gatewayTimedOut(route: Route): HttpReply {
    log.error(`(λ: ${route.functionKey}) API Gateway's 29 s integration timeout passed`);
    return endpointTimeout();
  }

  /** A non-proxy request: request template → invocation → status selection and response template. */
  async function serveLambdaIntegration(integration: LambdaIntegration, route: Route, fn: LocalFunction, event: ProxyEvent, body: Buffer, mediaType: string, onProblem: (reason: string) => void): Promise<HttpReply> {
    const mapped = integration.mapRequest(event, body.toString('utf8'), mediaType, onProblem);
    if (!mapped.ok) return mapped.reply;
    if (route.event.async) {
      // As API Gateway with X-Amz-Invocation-Type 'Event': answer once Lambda has the event; the function runs on.
      const requestId = randomUUID();
      void runtime.invoke(fn, mapped.event, { noTimeout: options.noTimeout, requestId }).then(
        (outcome) => {
          if (!outcome.ok) onProblem(`${outcome.error.errorType}: ${outcome.error.errorMessage} (async invocation)`);
        },
        (error: unknown) => onProblem(`async invocation failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      return integration.mapAccepted(event, onProblem, requestId);
    }
    const outcome = await invokeWithGatewayTimeout(fn, mapped.event);
    if (outcome === 'gateway-timeout') return gatewayTimedOut(route);
    return integration.mapResponse(outcome, event, onProblem);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query === -1 ? url : url.slice(0, query);
    const search = query === -1 ? '' : url.slice(query + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const { matcher } = state;

    let match = matcher.match(method, pathname);
    if (method === 'OPTIONS' && (!match || match.route.method !== 'OPTIONS')) {
      const preflight = preflightHeaders(matcher.matchPath(pathname), options, req);
      if (preflight) return send(res, { statusCode: 200, headers: preflight, body: '' });
    }
    if (!match) {
      return send(
        res,
        jsonReply(404, { currentRoute: `${method.toLowerCase()} - ${pathname}`, error: 'Stratus offline: route not found.', existingRoutes: matcher.describe(), statusCode: 404 }),
      );
    }
    const { route } = match;
    const fn = state.functions.get(route.functionKey);
    if (!fn) return send(res, internalServerError());

    const body = await readBody(req);
    if (body === undefined) return send(res, jsonReply(413, { message: 'Request Too Long' }));

    const parts = requestParts(req, { method, pathname, search, body, match, stage, stagePath });
    // Built here only when something here reads it (authorizers, mapping templates); otherwise
    // the handler's worker builds it from `parts` (./proxy-codec.ts).
    let built: ProxyEvent | undefined;
    const event = (): ProxyEvent => (built ??= buildProxyEvent(parts));
    if (verbose) log.verbose(`${method} ${pathname} (λ: ${route.functionKey})`);

    let apiKeyChecked = false;
    const apiKey = req.headers['x-api-key'];
    if (route.event.private && !options.noAuth) {
      if (!isApiKeyAccepted(state.apiKeys, apiKey)) {
        const authorizer = state.authorizers.get(route);
        // A key may also come from the authorizer's usageIdentifierKey: decide after it ran.
        if (!authorizer) return send(res, jsonReply(403, { message: 'Forbidden' }, { 'x-amzn-ErrorType': 'ForbiddenException' }));
      } else {
        apiKeyChecked = true;
      }
      parts.apiKey = typeof apiKey === 'string' ? apiKey : null;
    }

    const authorizer = options.noAuth ? undefined : state.authorizers.get(route);
    if (authorizer) {
      const decision = await authorizers.authorize(authorizer, req, event(), authorizers.methodArn(stage, method, event().path));
      if (!decision.allow) return send(res, decision.reply);
      event().requestContext.authorizer = decision.authorizer;
      if (route.event.private && !apiKeyChecked && decision.usageIdentifierKey === undefined) {
        return send(res, jsonReply(403, { message: 'Forbidden' }, { 'x-amzn-ErrorType': 'ForbiddenException' }));
      }
      if (route.event.private && !apiKeyChecked && decision.usageIdentifierKey !== undefined && !state.apiKeys.values.has(decision.usageIdentifierKey)) {
        return send(res, jsonReply(403, { message: 'Forbidden' }, { 'x-amzn-ErrorType': 'ForbiddenException' }));
      }
    }

    // API Gateway validates parameters and the body whatever the integration.
    const required = state.requiredParameters.get(route);
    const missing = required ? missingParameters(required, search, req.headers) : [];
    if (missing.length > 0) return send(res, missingParametersReply(missing));
    const validator = state.bodyValidators.get(route);
    const mediaType = validator || route.event.integration === 'lambda' ? mediaTypeOf(req.headers['content-type']) : '';
    if (validator && !validator.accepts(mediaType, body)) return send(res, invalidRequestBody());

    const onProblem = (reason: string): void => log.error(`(λ: ${route.functionKey}) ${method} ${pathname}: ${reason}`);
    const integration = state.lambdaIntegrations.get(route);
    let reply: HttpReply;
    if (integration) {
      reply = await serveLambdaIntegration(integration, route, fn, event(), body, mediaType, onProblem);
    } else if (built === undefined && proxyCodecPath) {
      const outcome = await invokeWithGatewayTimeout(fn, parts, PROXY_CODEC);
      reply = outcome === 'gateway-timeout' ? gatewayTimedOut(route) : mapProxyOutcome(outcome, onProblem, true);
    } else {
      const outcome = await invokeWithGatewayTimeout(fn, event());
      reply = outcome === 'gateway-timeout' ? gatewayTimedOut(route) : mapProxyOutcome(outcome, onProblem);
    }
    const cors = corsSettingsOf(route, options);
    if (cors) addCorsHeaders(reply.headers, cors, req.headers.origin);
    send(res, reply);
  }

  const server = createGatewayServer(options, serviceDir, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error(`${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(res, internalServerError());
      else res.destroy();
    });
  });
  try {
    await listen(server, options.httpPort, options.host);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.httpPort;
  const url = `${options.httpsProtocol === '' ? 'http' : 'https'}://${options.host}:${port}`;

  const routeTable = (): string[] => state.routes.map((route) => `${route.method.padEnd(7)} | ${routeUrl(route, url)}`);
  log.notice(`Starting Offline at stage ${stage} (${region})`);
  for (const fn of state.functions.values()) log.notice(`   * ${fn.key}: ${fn.name}`);
  if (state.routes.some((route) => route.event.private)) {
    if (state.apiKeys.generated) log.notice('No API key with a value is configured (provider.apiGateway.apiKeys): a key was generated.');
    for (const key of state.apiKeys.values) log.notice(`Key with token: '${key}'`);
    if (options.noAuth) log.notice('noAuth: API keys are not checked.');
  }
  log.notice(['Routes:', ...routeTable().map((line) => `   ${line}`)].join('\n'));
  log.notice(`Server ready: ${url} 🚀`);

  let closed = false;
  return {
    url,
    port,
    options,
    runtime,
    get apiKeys() {
      return state.apiKeys.values;
    },
    functions: () => state.functions,
    get routeTable() {
      return routeTable();
    },
    async reload() {
      authorizers.clear();
      await runtime.reload();
    },
    async updateConfiguration(configuration) {
      state = buildState(configuration, stage, base, serviceDir, log, false);
      authorizers.clear();
      await runtime.reload();
    },
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await runtime.close();
    },
  };
}
