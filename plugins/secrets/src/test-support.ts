// Test helpers (not exported from the package).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteParameterCommand, GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { createLogger, type HookHandler, type Logger, type PluginApi, type VariableSource } from '@stratus/core';

export const PACKAGE_DIR = path.join(__dirname, '..');
export const CLI = path.join(PACKAGE_DIR, '..', '..', 'packages', 'cli', 'bin', 'stratus.js');
export const RUNTIME_DIST = path.join(PACKAGE_DIR, '..', '..', 'packages', 'secrets-runtime', 'dist', 'index.js');

const created: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs` (call it in `afterAll`). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `stratus-secrets-${prefix}-`));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A base64 key as STRATUS_SECRETS_KEY takes it. */
export const keyOf = (byte: number) => Buffer.alloc(32, byte).toString('base64');

/** A logger that keeps every line (stderr and stdout alike). */
export function captureLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = { write: (text: string) => lines.push(text) };
  return { log: createLogger({ sink, textSink: sink, verbose: true, debug: true }), lines };
}

export interface FakeApi {
  api: PluginApi;
  hooks: Map<string, HookHandler[]>;
  sources: Map<string, VariableSource>;
  commands: Record<string, unknown>;
  configResolved: Array<() => Promise<void>>;
  configReloaded: Array<() => Promise<void>>;
  lines: string[];
  log: Logger;
  /** Run every handler of a hook id in order. */
  run(hookId: string): Promise<void>;
}

/** A PluginApi with what the plugin uses; hooks are kept for the test to run. */
export function fakeApi(configuration: Record<string, unknown>, options: Record<string, unknown>, serviceDir: string, commands: string[] = []): FakeApi {
  const hooks = new Map<string, HookHandler[]>();
  const sources = new Map<string, VariableSource>();
  const registered: Record<string, unknown> = {};
  const configResolved: Array<() => Promise<void>> = [];
  const configReloaded: Array<() => Promise<void>> = [];
  const { log, lines } = captureLogger();
  const noop = () => undefined;
  const api = {
    pluginName: '@stratus/plugin-secrets',
    service: { configuration, options, serviceDir, configFile: 'serverless.yml', commands, locate: () => ({ file: 'serverless.yml' }) },
    log,
    core: {
      configResolved: { tapPromise: (_name: string, fn: () => Promise<void>) => configResolved.push(fn) },
      configReloaded: { tapPromise: (_name: string, fn: () => Promise<void>) => configReloaded.push(fn) },
    },
    hook: (id: string, handler: HookHandler) => hooks.set(id, [...(hooks.get(id) ?? []), handler]),
    registerCommand: (name: string, definition: unknown) => {
      registered[name] = definition;
    },
    registerVariableSource: (name: string, source: VariableSource) => sources.set(name, source),
    schema: { defineFunctionProperties: noop, defineCustomProperties: noop, defineTopLevelProperty: noop, defineFunctionEvent: noop, defineFunctionEventProperties: noop, defineProvider: noop },
    getProvider: () => undefined,
  } as unknown as PluginApi;
  return {
    api,
    hooks,
    sources,
    commands: registered,
    configResolved,
    configReloaded,
    lines,
    log,
    run: async (hookId) => {
      for (const handler of hooks.get(hookId) ?? []) await handler();
    },
  };
}

/** An in-memory Parameter Store behind the commands the store sends. */
export function fakeSsm() {
  const parameters = new Map<string, { Value: string; Version: number; KeyId?: string; Type?: string; Tier?: string }>();
  const sent: unknown[] = [];
  const notFound = () => Object.assign(new Error('Parameter not found'), { name: 'ParameterNotFound' });
  const client = {
    async send(command: unknown) {
      sent.push(command);
      if (command instanceof PutParameterCommand) {
        const { Name, Value, KeyId, Type, Tier } = command.input;
        const version = (parameters.get(Name as string)?.Version ?? 0) + 1;
        parameters.set(Name as string, { Value: Value as string, Version: version, ...(KeyId ? { KeyId } : {}), ...(Type ? { Type } : {}), ...(Tier ? { Tier } : {}) });
        return { Version: version };
      }
      if (command instanceof GetParameterCommand) {
        const found = parameters.get(command.input.Name as string);
        if (!found) throw notFound();
        return { Parameter: { Name: command.input.Name, Value: found.Value, Version: found.Version } };
      }
      if (command instanceof GetParametersCommand) {
        const names = command.input.Names ?? [];
        if (names.length > 10) throw new Error('at most 10 names');
        return {
          Parameters: names.filter((name) => parameters.has(name)).map((name) => ({ Name: name, Value: command.input.WithDecryption ? parameters.get(name)!.Value : 'ENCRYPTED', Version: parameters.get(name)!.Version })),
          InvalidParameters: names.filter((name) => !parameters.has(name)),
        };
      }
      if (command instanceof GetParametersByPathCommand) {
        const prefix = `${command.input.Path}/`;
        const all = [...parameters.keys()].filter((name) => name.startsWith(prefix) && !name.slice(prefix.length).includes('/')).sort();
        const start = Number(command.input.NextToken ?? 0);
        const page = all.slice(start, start + 2);
        return { Parameters: page.map((name) => ({ Name: name, Version: parameters.get(name)!.Version, LastModifiedDate: new Date('2024-05-01T00:00:00Z') })), ...(start + 2 < all.length ? { NextToken: String(start + 2) } : {}) };
      }
      if (command instanceof DeleteParameterCommand) {
        if (!parameters.delete(command.input.Name as string)) throw notFound();
        return {};
      }
      throw new Error('unexpected command');
    },
  };
  return { client, parameters, sent };
}

