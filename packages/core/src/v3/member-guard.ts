import { StratusError } from '../errors/stratus-error';
import { V3_MEMBERS, type V3Members } from './v3-members';

/**
 * What a v3 plugin holds is a guarded view of the facade: members Stratus has pass through; a
 * member v3 had and Stratus lacks is a stand-in that throws a StratusError naming the plugin and
 * the member as soon as it is called or read from; a name v3 never had is `undefined`, as in v3.
 * Methods run "as the plugin" (`runAs`), so what they call (a provider's `request`) can name it.
 */
export interface GuardOptions {
  pluginName: string;
  runAs: <T>(work: () => T) => T;
}

interface GuardState extends GuardOptions {
  readonly guards: WeakMap<object, object>;
  readonly targets: WeakMap<object, object>;
  readonly wrappers: WeakMap<object, unknown>;
}

export const NOT_IMPLEMENTED_CODE = 'PLUGIN_V3_API_NOT_IMPLEMENTED';

const DEFAULT_HINT =
  'Stratus implements the parts of the Serverless v3 plugin API that community plugins use, and this is not one of them. ' +
  'Check for a newer version of the plugin, or report the plugin and this member to Stratus.';

/** One guard per plugin: the same object reached twice is the same view. */
export function createMemberGuard(options: GuardOptions): <T extends object>(target: T, members: V3Members, path: string) => T {
  const state: GuardState = { ...options, guards: new WeakMap(), targets: new WeakMap(), wrappers: new WeakMap() };
  return (target, members, path) => guardObject(state, target, members, path);
}

function guardObject<T extends object>(state: GuardState, target: T, members: V3Members, path: string): T {
  const existing = state.guards.get(target);
  if (existing) return existing as T;
  const known = new Set(members.members);
  const proxy = new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol') return Reflect.get(object, property, receiver);
      if (property in object) return adapt(state, Reflect.get(object, property, receiver), members, property, `${path}.${property}`);
      if (known.has(property)) return notImplemented(state.pluginName, `${path}.${property}`, members.hints?.[property]);
      return undefined;
    },
  });
  state.guards.set(target, proxy);
  state.targets.set(proxy, target);
  return proxy;
}

function describedMembers(value: object): V3Members | undefined {
  return (value as { [V3_MEMBERS]?: V3Members })[V3_MEMBERS];
}

function adapt(state: GuardState, value: unknown, parent: V3Members, property: string, path: string): unknown {
  if (parent.plainValues || value === null) return value;
  if (typeof value === 'object') {
    const members = parent.children?.[property] ?? describedMembers(value);
    return members ? guardObject(state, value, members, path) : value;
  }
  // Object.prototype's own methods (`constructor`, `hasOwnProperty`) and classes are handed out as they are.
  if (typeof value === 'function' && !Object.prototype.hasOwnProperty.call(Object.prototype, property) && !isClass(value)) {
    return wrapMethod(state, value as (...args: unknown[]) => unknown, path);
  }
  return value;
}

function isClass(fn: unknown): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

/** The method, run as the plugin; an object it returns that describes its members (a provider) is guarded too. */
function wrapMethod(state: GuardState, method: (...args: unknown[]) => unknown, path: string): unknown {
  const cached = state.wrappers.get(method);
  if (cached) return cached;
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const self = (this && typeof this === 'object' && state.targets.get(this)) || this;
    const result = state.runAs(() => Reflect.apply(method, self, args));
    if (result && typeof result === 'object' && !(result instanceof Promise)) {
      const members = describedMembers(result);
      if (members) return guardObject(state, result, members, `${path}(${args.map(formatArgument).join(', ')})`);
    }
    return result;
  };
  Object.defineProperty(wrapper, 'name', { value: method.name });
  state.wrappers.set(method, wrapper);
  return wrapper;
}

function formatArgument(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? '…' : String(value);
}

const INSPECTION_SYMBOLS: ReadonlySet<symbol> = new Set([Symbol.for('nodejs.util.inspect.custom'), Symbol.toStringTag]);

/** A stand-in for a member Stratus does not implement: calling it, reading from it or writing to it throws. */
export function notImplemented(pluginName: string, path: string, hint?: string): unknown {
  const fail = (): never => {
    throw new StratusError(NOT_IMPLEMENTED_CODE, `Plugin "${pluginName}" used ${path}, which Stratus does not implement.`, { hint: hint ?? DEFAULT_HINT });
  };
  return new Proxy(function notImplementedMember() {}, {
    apply: fail,
    construct: fail,
    set: fail,
    defineProperty: fail,
    deleteProperty: fail,
    // Debuggers and `util.inspect` may look; anything a plugin does with it fails.
    get: (_target, property) => (typeof property === 'symbol' && INSPECTION_SYMBOLS.has(property) ? undefined : fail()),
  });
}
