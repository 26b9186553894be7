import { httpErrors } from '../errors';
import { normalizeHttpPath } from '../normalize';
import type { ApiGatewaySettings, CompileState } from './compile-state';

/** A resource to create: its path, last segment and parent path (`''` = the API's root). */
export interface ResourceNode {
  path: string;
  pathPart: string;
  parentPath: string;
}

/** `provider.apiGateway.restApiResources` as `path → resource id` (`{ '/users': id }` or `[{ path, resourceId }]`). */
export function predefinedResources(apiGateway: ApiGatewaySettings): Map<string, unknown> {
  const given = apiGateway.restApiResources;
  const entries: Array<[string, unknown]> = Array.isArray(given)
    ? given.map((item) => [item.path, item.resourceId])
    : Object.entries(given ?? {});
  const result = new Map<string, unknown>();
  for (const [path, resourceId] of entries) {
    const normalized = normalizeHttpPath(String(path));
    if (normalized !== '') result.set(normalized, resourceId);
  }
  return result;
}

function prefixes(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/**
 * The resources the event paths need, parents before children, in v3's order (a depth-first walk
 * of the path tree, branches in the order paths first appear). Paths under an existing resource
 * (`restApiResources`) are created below it; a path that exists in the imported API only as the
 * parent of a listed one cannot be created again and needs its own id.
 */
export function planResources(eventPaths: readonly string[], predefined: ReadonlyMap<string, unknown>): ResourceNode[] {
  const children = new Map<string, string[]>([['', []]]);
  const addToTree = (path: string) => {
    for (const prefix of prefixes(path)) {
      if (children.has(prefix)) continue;
      children.set(prefix, []);
      const parent = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      children.get(parent)!.push(prefix);
    }
  };
  for (const path of predefined.keys()) addToTree(path);
  for (const path of eventPaths) if (path !== '') addToTree(path);

  const toCreate = new Set<string>();
  for (const path of eventPaths) {
    if (path === '') continue;
    const chain = prefixes(path);
    let start = 0;
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      if (predefined.has(chain[index]!)) {
        start = index + 1;
        break;
      }
    }
    for (const prefix of chain.slice(start)) {
      const isParentOfPredefined = [...predefined.keys()].some((known) => known.startsWith(`${prefix}/`));
      if (isParentOfPredefined) throw httpErrors.resourceIdRequired(prefix);
      toCreate.add(prefix);
    }
  }

  const ordered: ResourceNode[] = [];
  const walk = (path: string) => {
    for (const child of children.get(path) ?? []) {
      if (toCreate.has(child)) ordered.push({ path: child, pathPart: child.slice(child.lastIndexOf('/') + 1), parentPath: path });
      walk(child);
    }
  };
  walk('');
  return ordered;
}

/** The `AWS::ApiGateway::Resource`s of every event path, and the id of each path's resource. */
export function compileResources(state: CompileState): void {
  const { context, apiGateway } = state;
  const rootResourceId = apiGateway.restApiId
    ? apiGateway.restApiRootResourceId
    : { 'Fn::GetAtt': [context.naming.getRestApiLogicalId(), 'RootResourceId'] };
  state.resourceIds.set('', rootResourceId);

  const predefined = predefinedResources(apiGateway);
  for (const [path, resourceId] of predefined) state.resourceIds.set(path, resourceId);

  for (const node of planResources(state.events.map((event) => event.http.path), predefined)) {
    const logicalId = context.naming.getResourceLogicalId(node.path);
    state.resources.add(logicalId, {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { ParentId: state.resourceIds.get(node.parentPath), PathPart: node.pathPart, RestApiId: state.restApiId },
    });
    state.resourceIds.set(node.path, { Ref: logicalId });
  }
}
