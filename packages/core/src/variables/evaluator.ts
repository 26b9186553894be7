import { isStratusError } from '../errors/stratus-error';
import { hints, MAX_NEST_DEPTH, messages } from './messages';
import {
  hasVariables,
  parseExpression,
  parseTemplate,
  VariableSyntaxError,
  type ParamNode,
  type Template,
  type TypedSourceNode,
  type VariableNode,
} from './parse';
import { isPlainObject } from './property-path';
import {
  CycleError,
  isControlSignal,
  mostSignificant,
  PendingSignal,
  UnrecognizedSourceSignal,
  VariableError,
} from './signals';
import type { VariableSource, VariableSourceContext, VariableSourceResult, VariableSources } from './types';
import type { WaitGraph, WaitNode } from './wait-graph';

/** A property or a lookup: something that evaluates variables and may wait for properties. */
export interface Requester extends WaitNode {
  /** The property on whose behalf it works (shown to sources as `propertyPath`). */
  readonly propertyPath: string;
}

export interface EvaluatorOptions {
  readonly sources: VariableSources;
  readonly options: Record<string, unknown>;
  readonly serviceDir: string;
  readonly final: boolean;
  readonly graph: WaitGraph;
  /** Waits for the properties at `path` to resolve and returns the value there. */
  readonly readProperty: (requester: Requester, path: readonly string[]) => Promise<unknown>;
}

/** One call of a source for one (type, params, address); shared by every variable asking the same. */
interface Lookup extends Requester {
  readonly label: null;
  promise?: Promise<SourceAnswer>;
  /**
   * A pending/failed-dependency/cycle outcome met through the context. Kept here because a source
   * may catch and rewrap it (a JS file wrapping errors of its function); it still decides the outcome.
   */
  recorded?: unknown;
  /** Values handed out by the context: already resolved, so not scanned again for variables. */
  readonly resolvedValues: Set<unknown>;
}

interface SourceAnswer {
  readonly value: unknown;
  readonly eventualErrorMessage: string | undefined;
}

/**
 * Evaluates parsed variables: fallbacks, params, addresses, interpolation and the recursive
 * resolution of source results. One evaluator per `resolveVariables` call, so its lookup memo
 * lives exactly as long as one pass.
 */
export class Evaluator {
  private readonly lookups = new Map<string, Lookup>();

  constructor(private readonly settings: EvaluatorOptions) {}

  /** A string's value: a lone variable keeps its type, anything else is interpolated text. */
  async evaluateTemplate(template: Template, requester: Requester, depth: number): Promise<unknown> {
    const { parts } = template;
    const [first] = parts;
    if (parts.length === 1 && first !== undefined && typeof first !== 'string') {
      return this.evaluateVariable(first, requester, depth);
    }
    const values = await settleAll(
      parts.map((part) => (typeof part === 'string' ? part : this.evaluateVariable(part, requester, depth))),
    );
    return values.map((value) => embeddable(value, template.text)).join('');
  }

  /** Tries the sources left to right; null falls through, an error stops the chain. */
  async evaluateVariable(variable: VariableNode, requester: Requester, depth: number): Promise<unknown> {
    try {
      let missing: { type: string; address: string | null; message: string | undefined } | undefined;
      for (const source of variable.sources) {
        if (source.kind === 'literal') return source.value;
        if (source.kind === 'nested') return await this.evaluateVariable(source.variable, requester, depth);
        const { address, answer } = await this.evaluateTypedSource(source, requester, depth);
        if (answer.value !== null && answer.value !== undefined) return answer.value;
        missing = { type: source.type, address, message: answer.eventualErrorMessage };
      }
      const type = missing?.type ?? 'unknown';
      throw new VariableError(missing?.message ?? messages.notFound(type), {
        hint: hints.notFound(type, missing?.address ?? null),
      });
    } catch (error) {
      throw withVariableText(error, variable.text);
    }
  }

  /**
   * A value returned by a source, with the variables inside it resolved one level deeper: a string
   * is parsed, an object or array is copied with its strings resolved.
   */
  async resolveResult(value: unknown, requester: Requester, depth: number, inObject = false): Promise<unknown> {
    if (typeof value === 'string') {
      const template = parseResult(value);
      if (template === null) return value;
      if (!hasVariables(template)) return template.parts.join(''); // only escapes: unescaped text
      if (depth > MAX_NEST_DEPTH) {
        throw new VariableError(inObject ? messages.excessivePropertyDepth() : messages.excessiveDepth(), {
          hint: hints.depth(),
          variableText: value,
        });
      }
      return this.evaluateTemplate(template, requester, depth);
    }
    if (Array.isArray(value)) {
      return settleAll(value.map((item) => this.resolveResult(item, requester, depth, true)));
    }
    if (isPlainObject(value)) {
      const entries = Object.entries(value);
      const resolved = await settleAll(entries.map(([, item]) => this.resolveResult(item, requester, depth, true)));
      return Object.fromEntries(entries.map(([key], index) => [key, resolved[index]]));
    }
    return value;
  }

  private async evaluateTypedSource(
    node: TypedSourceNode,
    requester: Requester,
    depth: number,
  ): Promise<{ address: string | null; answer: SourceAnswer }> {
    const source = this.settings.sources.get(node.type);
    if (source === undefined) {
      // Before the final pass a plugin may still bring this source: leave the variable for later.
      throw this.settings.final ? new UnrecognizedSourceSignal(node.type) : new PendingSignal();
    }
    let params: unknown[];
    let address: string | null;
    if (node.params.every((param) => param.kind === 'value') && (node.address === null || !hasVariables(node.address))) {
      // The common case (`${self:a.b}`, `${file(./x.yml):k}`): nothing nested, nothing to wait for.
      params = node.params.map((param) => (param as { value: unknown }).value);
      address = node.address === null ? null : node.address.parts.join('');
    } else {
      const [resolvedParams, resolvedAddress] = await settleAll<unknown>([
        settleAll(node.params.map((param) => this.evaluateParam(param, requester, depth))),
        node.address === null ? null : this.evaluateAddress(node.address, requester, depth),
      ]);
      params = resolvedParams as unknown[];
      address = resolvedAddress as string | null;
    }
    const answer = await this.lookup(node.type, source, params, address, requester, depth);
    return { address, answer };
  }

  private evaluateParam(param: ParamNode, requester: Requester, depth: number): unknown {
    return param.kind === 'value' ? param.value : this.evaluateTemplate(param.template, requester, depth);
  }

  private async evaluateAddress(address: Template, requester: Requester, depth: number): Promise<string> {
    if (!hasVariables(address)) return address.parts.join('');
    const values = await settleAll(
      address.parts.map((part) => (typeof part === 'string' ? part : this.evaluateVariable(part, requester, depth))),
    );
    return values.map((value) => embeddable(value, address.text)).join('').trim();
  }

  /** Memoised per (type, params, address, depth): each distinct question is asked once per pass. */
  private async lookup(
    type: string,
    source: VariableSource,
    params: unknown[],
    address: string | null,
    requester: Requester,
    depth: number,
  ): Promise<SourceAnswer> {
    const key = memoKey(type, params, address, depth);
    let lookup = key === null ? undefined : this.lookups.get(key);
    if (lookup === undefined) {
      lookup = { label: null, propertyPath: requester.propertyPath, resolvedValues: new Set() };
      if (key !== null) this.lookups.set(key, lookup);
    }
    // The edge goes in before the lookup starts, so a source that waits synchronously is covered.
    this.settings.graph.enter(requester, lookup);
    try {
      lookup.promise ??= this.runLookup(lookup, type, source, params, address, depth);
      return await lookup.promise;
    } finally {
      this.settings.graph.leave(requester, lookup);
    }
  }

  private async runLookup(
    lookup: Lookup,
    type: string,
    source: VariableSource,
    params: unknown[],
    address: string | null,
    depth: number,
  ): Promise<SourceAnswer> {
    let result: VariableSourceResult;
    try {
      result = await source.resolve(this.createContext(lookup, params, address, depth));
    } catch (error) {
      throw lookup.recorded ?? error;
    }
    if (lookup.recorded !== undefined) throw lookup.recorded;
    if (result === null || typeof result !== 'object' || !('value' in result)) {
      throw new VariableError(messages.unexpectedResult(type));
    }
    if (result.isPending === true) {
      if (!this.settings.final) throw new PendingSignal();
      throw new VariableError(result.eventualErrorMessage ?? messages.stillPending(type), {
        hint: hints.notFound(type, address),
      });
    }
    const raw = result.value ?? null;
    const value = raw === null || lookup.resolvedValues.has(raw) ? raw : await this.resolveResult(raw, lookup, depth + 1);
    return { value, eventualErrorMessage: result.eventualErrorMessage };
  }

  private createContext(lookup: Lookup, params: unknown[], address: string | null, depth: number): VariableSourceContext {
    const { options, serviceDir, readProperty } = this.settings;
    return {
      address,
      params,
      options,
      serviceDir,
      propertyPath: lookup.propertyPath,
      resolveConfigurationProperty: (path) => this.track(lookup, () => readProperty(lookup, path.map(String))),
      resolveVariable: (expression) =>
        this.track(lookup, () => this.evaluateVariable(parseExpression(expression), lookup, depth + 1)),
      resolveVariablesInString: (text) => this.track(lookup, () => this.resolveResult(text, lookup, depth + 1)),
    };
  }

  /** Runs a context call for `lookup`, remembering outcomes the source must not be able to hide. */
  private async track(lookup: Lookup, work: () => Promise<unknown>): Promise<unknown> {
    try {
      const value = await work();
      lookup.resolvedValues.add(value);
      return value;
    } catch (error) {
      if (isControlSignal(error) || error instanceof CycleError) lookup.recorded ??= error;
      throw error;
    }
  }
}

/** Waits for all, then fails with the failure that matters most (see mostSignificant). */
async function settleAll<T>(values: ReadonlyArray<T | Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(values);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) throw mostSignificant(failures);
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

function embeddable(value: unknown, text: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new VariableError(messages.nonStringInterpolation(), { hint: hints.nonString(), variableText: text });
}

function parseResult(value: string): Template | null {
  try {
    return parseTemplate(value);
  } catch (error) {
    if (error instanceof VariableSyntaxError) {
      throw new VariableError(error.message, { hint: hints.syntax() });
    }
    throw error;
  }
}

/** Stamps the innermost variable's text on a failure; foreign errors become VariableErrors. */
function withVariableText(error: unknown, text: string): unknown {
  if (isControlSignal(error)) return error;
  if (error instanceof VariableError) {
    error.variableText ??= text;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint = isStratusError(error) ? error.hint : undefined;
  return new VariableError(message, { hint, variableText: text, cause: error });
}

function memoKey(type: string, params: unknown[], address: string | null, depth: number): string | null {
  if (params.length === 0) return `${depth}\0${type}\0${address === null ? '\u0001' : address}`;
  try {
    return JSON.stringify([type, params, address, depth]);
  } catch {
    return null; // a param that cannot be serialised (cyclic object): just don't share the lookup
  }
}
