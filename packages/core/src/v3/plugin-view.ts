import type { PluginHost } from '../plugins/plugin-host';
import { createMemberGuard } from './member-guard';
import { SERVERLESS_V3_MEMBERS } from './v3-members';

/**
 * The `serverless` object one v3 plugin gets: the shared facade behind a guard that knows the
 * plugin's name, so calls it makes are attributed to it and members Stratus lacks are reported
 * under its name (`Plugin "x" used serverless.…, which Stratus does not implement.`).
 */
export function v3ServerlessFor(host: PluginHost, pluginName: string): Record<string, unknown> {
  const guard = createMemberGuard({ pluginName, runAs: (work) => host.runAsCaller(pluginName, work) });
  return guard(host.serverless, SERVERLESS_V3_MEMBERS, 'serverless');
}
