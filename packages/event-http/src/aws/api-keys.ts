import { httpErrors } from '../errors';
import type { CompileState } from './compile-state';
import { compact } from './intrinsics';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

interface PlanSettings {
  quota?: { limit?: number; offset?: number; period?: string };
  throttle?: { burstLimit?: number; rateLimit?: number };
}

/** `- free: [key1, key2]`: keys grouped under the usage plan they belong to. */
function planGroup(definition: unknown, planNames: readonly string[]): { plan: string; keys: unknown[] } | undefined {
  if (!isObject(definition) || Array.isArray(definition)) return undefined;
  const [name] = Object.keys(definition);
  if (name === undefined || !planNames.includes(name)) return undefined;
  const keys = definition[name];
  return { plan: name, keys: Array.isArray(keys) ? keys : [] };
}

function apiKeyResource(state: CompileState, key: unknown) {
  const settings = isObject(key) ? key : {};
  return {
    Type: 'AWS::ApiGateway::ApiKey',
    Properties: compact({
      Enabled: typeof settings.enabled === 'boolean' ? settings.enabled : true,
      Name: typeof key === 'string' ? key : settings.name,
      Value: settings.value || undefined,
      Description: settings.description,
      CustomerId: settings.customerId,
      StageKeys: [{ RestApiId: state.restApiId, StageName: state.context.stage }],
    }),
    DependsOn: state.deploymentLogicalId,
  };
}

function usagePlanResource(state: CompileState, name: string | undefined, settings: PlanSettings) {
  const { service, stage } = state.context;
  const properties: Json = {
    ApiStages: [{ ApiId: state.restApiId, Stage: stage }],
    Description: name === undefined ? `Usage plan for ${service.service} ${stage} stage` : `Usage plan "${name}" for ${service.service} ${stage} stage`,
    UsagePlanName: name === undefined ? `${service.service}-${stage}` : `${service.service}-${name}-${stage}`,
  };
  if (settings.quota) properties.Quota = compact({ Limit: settings.quota.limit, Offset: settings.quota.offset, Period: settings.quota.period });
  if (settings.throttle) properties.Throttle = compact({ BurstLimit: settings.throttle.burstLimit, RateLimit: settings.throttle.rateLimit });
  return { Type: 'AWS::ApiGateway::UsagePlan', DependsOn: state.deploymentLogicalId, Properties: properties };
}

/**
 * API keys (`provider.apiGateway.apiKeys`), usage plans (`usagePlan`: one, or a list of named
 * ones) and the keys' plan memberships, as v3 numbers them: `ApiGatewayApiKey1…`, or
 * `ApiGatewayApiKey<Plan>1…` for keys grouped under a named plan.
 */
export function compileApiKeysAndUsagePlans(state: CompileState): void {
  const { naming } = state.context;
  const apiKeys = Array.isArray(state.apiGateway.apiKeys) ? state.apiGateway.apiKeys : undefined;
  const usagePlan = state.apiGateway.usagePlan;
  if (!apiKeys && !usagePlan) return;

  const namedPlans: Array<[string, PlanSettings]> = Array.isArray(usagePlan)
    ? usagePlan.flatMap((item) => (isObject(item) ? Object.entries(item).slice(0, 1).map(([name, settings]) => [name, (settings ?? {}) as PlanSettings] as [string, PlanSettings]) : []))
    : [];
  const planNames = namedPlans.map(([name]) => name);

  for (const definition of apiKeys ?? []) {
    const group = planGroup(definition, planNames);
    if (group) continue;
    if (isObject(definition) && !Array.isArray(definition)) {
      const [name, value] = Object.entries(definition)[0] ?? [];
      if (name !== undefined && Array.isArray(value)) throw httpErrors.keyWithoutUsagePlan(name);
    }
    if (Array.isArray(usagePlan)) throw httpErrors.keyNeedsUsagePlanName(typeof definition === 'string' ? definition : String((definition as Json | undefined)?.name));
  }

  // Keys, numbered as v3 does: the count restarts for each plan group and carries on after it.
  const keys: Array<{ number: number; plan?: string }> = [];
  let keyNumber = 0;
  for (const definition of apiKeys ?? []) {
    const group = planGroup(definition, planNames);
    if (group) {
      keyNumber = 0;
      for (const key of group.keys) {
        keyNumber += 1;
        state.resources.add(naming.getApiKeyLogicalId(keyNumber, group.plan), apiKeyResource(state, key));
        keys.push({ number: keyNumber, plan: group.plan });
      }
    } else {
      keyNumber += 1;
      state.resources.add(naming.getApiKeyLogicalId(keyNumber), apiKeyResource(state, definition));
      keys.push({ number: keyNumber });
    }
  }

  if (Array.isArray(usagePlan)) {
    for (const [name, settings] of namedPlans) state.resources.add(naming.getUsagePlanLogicalId(name), usagePlanResource(state, name, settings));
  } else {
    state.resources.add(naming.getUsagePlanLogicalId(), usagePlanResource(state, undefined, (isObject(usagePlan) ? usagePlan : {}) as PlanSettings));
  }

  for (const key of keys) {
    state.resources.add(naming.getUsagePlanKeyLogicalId(key.number, key.plan), {
      Type: 'AWS::ApiGateway::UsagePlanKey',
      Properties: { KeyId: { Ref: naming.getApiKeyLogicalId(key.number, key.plan) }, KeyType: 'API_KEY', UsagePlanId: { Ref: naming.getUsagePlanLogicalId(key.plan) } },
    });
  }
}
