// Test support (not exported): a plugin host wired as the bootstrap wires it.
import { LifecycleEngine } from '../lifecycle/lifecycle-engine';
import { createLogger } from '../logging/logger';
import { createProgressFactory } from '../logging/progress';
import { ConfigSchemaHandler } from '../schema';
import { createServerlessFacade } from '../v3/serverless-facade';
import { coreCommandsPlugin } from '../commands/core-commands-plugin';
import { addBuiltinPlugins } from './load-plugins';
import { PluginHost } from './plugin-host';
import { providerNameOf } from './service-context';

export async function createTestHost(configuration: Record<string, unknown>, serviceDir: string, options: Record<string, unknown> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = createLogger({ sink: { write: (text) => stderr.push(text) }, textSink: { write: (text) => stdout.push(text) } });
  const engine = new LifecycleEngine(log);
  const schema = new ConfigSchemaHandler({ providerName: providerNameOf(configuration) ?? '' });
  const context = { serviceDir, configFile: 'serverless.yml', configuration, options, locate: () => ({ file: 'serverless.yml' }), commands: [] as string[] };
  const host = new PluginHost(engine, schema, context, log, createProgressFactory({ sink: { write: (text) => stderr.push(text) }, interactive: false }));
  let loading = true;
  host.serverless = createServerlessFacade(host, { commands: [], instanceId: '1', isLoadingPlugins: () => loading });
  await addBuiltinPlugins(host, [coreCommandsPlugin]);
  return { host, engine, stdout, stderr, doneLoading: () => (loading = false) };
}
