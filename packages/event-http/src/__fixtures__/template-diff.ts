import type { CfnTemplate } from '@stratus/provider-aws';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `ApiGatewayDeployment<millis>` differs between runs (corpus README, "Normalisation"). */
export function maskDeploymentIds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/ApiGatewayDeployment\d+/g, 'ApiGatewayDeployment<ID>')) as T;
}

/** What the http package generates: API Gateway resources (except the user's own), API permissions, `ServiceEndpoint`. */
export function httpPart(template: CfnTemplate, userResourceIds: Iterable<string> = []): { resources: Record<string, unknown>; serviceEndpoint: unknown } {
  const user = new Set(userResourceIds);
  const resources = Object.fromEntries(
    Object.entries(template.Resources).filter(
      ([id, resource]) => !user.has(id) && (resource.Type.startsWith('AWS::ApiGateway::') || id.endsWith('LambdaPermissionApiGateway') || id === 'ApiGatewayLogGroup'),
    ),
  );
  const endpoint = template.Outputs?.ServiceEndpoint;
  const serviceEndpoint = endpoint ? { Description: endpoint.Description, Value: endpoint.Value } : undefined;
  return maskDeploymentIds({ resources, serviceEndpoint });
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

function diff(actual: unknown, expected: unknown, at: string, out: string[]): void {
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) out.push(`${at}: got ${show(actual)}, v3 has ${show(expected)}`);
    else actual.forEach((item, index) => diff(item, expected[index], `${at}[${index}]`, out));
    return;
  }
  const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(actual) && isObject(expected)) {
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) diff(actual[key], expected[key], `${at}.${key}`, out);
    return;
  }
  if (JSON.stringify(actual) !== JSON.stringify(expected)) out.push(`${at}: got ${show(actual)}, v3 has ${show(expected)}`);
}

/** Differences between two http parts: missing/extra resources first, then bodies (arrays in order, DependsOn included). */
export function diffHttpParts(actual: ReturnType<typeof httpPart>, expected: ReturnType<typeof httpPart>): string[] {
  const out: string[] = [];
  for (const id of Object.keys(expected.resources)) if (!(id in actual.resources)) out.push(`missing ${id}`);
  for (const id of Object.keys(actual.resources)) if (!(id in expected.resources)) out.push(`extra ${id}`);
  for (const id of Object.keys(expected.resources)) if (id in actual.resources) diff(actual.resources[id], expected.resources[id], id, out);
  diff(actual.serviceEndpoint, expected.serviceEndpoint, 'Outputs.ServiceEndpoint', out);
  return out;
}
