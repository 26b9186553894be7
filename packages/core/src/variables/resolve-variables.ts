import { formatLocation, type LocateProperty } from '../config/locate';
import { StratusError } from '../errors/stratus-error';
import { didYouMean } from '../errors/suggest';
import { collectVariableProperties, propertiesAt, type PropertyTree, type VariableProperty } from './config-walk';
import { Evaluator, type Requester } from './evaluator';
import { markLiteral } from './literal-strings';
import { hints, messages } from './messages';
import { getAtPath, isPlainObject } from './property-path';
import {
  CycleError,
  DependencyFailedSignal,
  mostSignificant,
  PendingSignal,
  UnrecognizedSourceSignal,
  VariableError,
} from './signals';
import type { VariableSources } from './types';
import { WaitGraph } from './wait-graph';

export interface ResolveVariablesOptions {
  /** Mutated in place: resolved values replace the `${…}` strings. */
  configuration: Record<string, unknown>;
  sources: VariableSources;
  serviceDir: string;
  /** Display name for messages, e.g. `serverless.yml`. */
  configFile: string;
  /** CLI options. */
  options: Record<string, unknown>;
  /** Resolve only these properties (and what they depend on); all when omitted. */
  propertyPaths?: string[][];
  /**
   * False: a pending source or an unknown source type leaves the variable as written, for a later
   * call. True: both are errors (unknown types are reported together).
   */
  final: boolean;
  /** Adds `serverless.yml:12:5` to messages. */
  locate?: LocateProperty;
}

/**
 * Resolves the variables of a configuration in place. Meant to be called once per phase on the
 * same object: what was resolved is plain data afterwards, what was pending is retried next time.
 * Throws one VARIABLES_RESOLUTION_ERROR listing every failed property.
 */
export async function resolveVariables(options: ResolveVariablesOptions): Promise<void> {
  const run = new ResolutionRun(options);
  await run.resolve(options.propertyPaths);
  run.throwIfFailed();
}

type Outcome = 'resolved' | 'pending' | 'failed';

/** One property's resolution; also its node in the wait graph. */
class PropertyTask implements Requester {
  readonly label: string;
  readonly propertyPath: string;
  done?: Promise<void>;
  outcome?: Outcome;

  constructor(readonly property: VariableProperty, readonly order: number) {
    this.label = property.label;
    this.propertyPath = property.label;
  }
}

interface PropertyFailure {
  readonly task: PropertyTask;
  readonly message: string;
  readonly hint: string | undefined;
  readonly cause: unknown;
}

class ResolutionRun {
  private readonly graph = new WaitGraph();
  private readonly tree: PropertyTree;
  private readonly tasks: Map<VariableProperty, PropertyTask>;
  private readonly evaluator: Evaluator;
  private readonly failures: PropertyFailure[] = [];
  private readonly unrecognized: Array<{ type: string; task: PropertyTask }> = [];

  constructor(private readonly settings: ResolveVariablesOptions) {
    const { properties, tree } = collectVariableProperties(settings.configuration);
    this.tree = tree;
    this.tasks = new Map(properties.map((property, index) => [property, new PropertyTask(property, index)]));
    this.evaluator = new Evaluator({
      sources: settings.sources,
      options: settings.options,
      serviceDir: settings.serviceDir,
      final: settings.final,
      graph: this.graph,
      readProperty: (requester, path) => this.readProperty(requester, path),
    });
  }

  async resolve(propertyPaths: string[][] | undefined): Promise<void> {
    const targets = propertyPaths === undefined
      ? [...this.tasks.values()]
      : [...new Set(propertyPaths.flatMap((path) => this.tasksAt(path)))];
    await Promise.all(targets.map((task) => this.start(task)));
    // Dependencies are awaited by their dependents, but a source may start one and not wait for it.
    for (;;) {
      const running = [...this.tasks.values()].filter((task) => task.done !== undefined && task.outcome === undefined);
      if (running.length === 0) return;
      await Promise.all(running.map((task) => task.done));
    }
  }

  throwIfFailed(): void {
    const failures = [...this.failures].sort((a, b) => a.task.order - b.task.order);
    const unrecognized = this.unrecognizedReport();
    if (failures.length === 0 && unrecognized === null) return;
    if (failures.length === 0 && unrecognized !== null) {
      throw new StratusError('UNRECOGNIZED_VARIABLE_SOURCES', unrecognized.message, { hint: unrecognized.hint });
    }
    const items = failures.map((failure) => failure.message);
    const hintLines = failures.map((failure) => failure.hint);
    if (unrecognized !== null) {
      items.push(unrecognized.message);
      hintLines.push(unrecognized.hint);
    }
    const hint = [...new Set(hintLines.filter((line): line is string => line !== undefined))].join('\n');
    throw new StratusError('VARIABLES_RESOLUTION_ERROR', messages.resolution(this.settings.configFile, items), {
      hint,
      cause: failures.length === 1 ? failures[0]?.cause : failures.map((failure) => failure.cause),
    });
  }

  private tasksAt(path: readonly string[]): PropertyTask[] {
    return propertiesAt(this.tree, path).flatMap((property) => this.tasks.get(property) ?? []);
  }

  private start(task: PropertyTask): Promise<void> {
    task.done ??= this.run(task);
    return task.done;
  }

  private async run(task: PropertyTask): Promise<void> {
    const { property } = task;
    if (property.template === null) {
      this.fail(task, `Variable syntax error at "${task.label}"${this.where(task)}: ${property.syntaxError ?? ''}`, hints.syntax(), null);
      return;
    }
    try {
      const value = await this.evaluator.evaluateTemplate(property.template, task, 0);
      place(property.container, property.key, value);
      task.outcome = 'resolved';
    } catch (error) {
      this.settle(task, error);
    }
  }

  /** Sorts a failed evaluation into pending, silent, unrecognized or reported. */
  private settle(task: PropertyTask, error: unknown): void {
    if (error instanceof PendingSignal && !this.settings.final) {
      task.outcome = 'pending';
      return;
    }
    task.outcome = 'failed';
    if (error instanceof DependencyFailedSignal) return; // reported at the property it depends on
    if (error instanceof CycleError && error.owner !== task) return; // reported by the property that found it
    if (error instanceof UnrecognizedSourceSignal) {
      this.unrecognized.push({ type: error.type, task });
      return;
    }
    const { message, hint, variableText } = error instanceof VariableError ? error : describeUnexpected(error);
    const suffix = variableText === undefined ? '' : ` in "${variableText}"`;
    // Keep the original error (with its stack) as the cause: a bug in a source must stay debuggable.
    const cause = error instanceof VariableError && error.cause !== undefined ? error.cause : error;
    this.fail(task, `Cannot resolve variable at "${task.label}"${this.where(task)}: ${message}${suffix}`, hint, cause);
  }

  private fail(task: PropertyTask, message: string, hint: string | undefined, cause: unknown): void {
    task.outcome = 'failed';
    this.failures.push({ task, message, hint, cause });
  }

  /**
   * `resolveConfigurationProperty`: waits for the property at `path` (or every property below it,
   * or the one above it whose value replaces that branch), then reads the configuration.
   */
  private async readProperty(requester: Requester, path: readonly string[]): Promise<unknown> {
    const waits = this.tasksAt(path).map((task) => this.waitFor(requester, task));
    const results = await Promise.allSettled(waits);
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    if (failures.length > 0) throw mostSignificant(failures);
    return getAtPath(this.settings.configuration, path);
  }

  private async waitFor(requester: Requester, task: PropertyTask): Promise<void> {
    if (task.outcome === undefined) {
      this.graph.enter(requester, task); // before starting it: the task may ask for `requester` at once
      try {
        await this.start(task);
      } finally {
        this.graph.leave(requester, task);
      }
    }
    if (task.outcome === 'pending') throw new PendingSignal();
    if (task.outcome === 'failed') throw new DependencyFailedSignal();
  }

  private where(task: PropertyTask): string {
    const location = this.settings.locate?.(task.property.path);
    return location?.line === undefined ? '' : ` (${formatLocation(location)})`;
  }

  private unrecognizedReport(): { message: string; hint: string } | null {
    if (this.unrecognized.length === 0) return null;
    const byType = new Map<string, PropertyTask[]>();
    for (const { type, task } of [...this.unrecognized].sort((a, b) => a.task.order - b.task.order)) {
      byType.set(type, [...(byType.get(type) ?? []), task]);
    }
    const lines = [...byType].map(
      ([type, tasks]) => `  - "${type}" used at ${tasks.map((task) => `"${task.label}"${this.where(task)}`).join(', ')}`,
    );
    const known = [...this.settings.sources.keys()];
    const suggestions = [...byType.keys()].flatMap((type) => {
      const suggestion = didYouMean(type, known);
      return suggestion === '' ? [] : [`"${type}":${suggestion}`];
    });
    return {
      message: [messages.unrecognized([...byType.keys()]), ...lines].join('\n'),
      hint: [hints.unrecognized(), ...suggestions].join('\n'),
    };
  }
}

/**
 * Writes a resolved value into the configuration. Objects and arrays are copied, so two properties
 * that got the same value (a shared file, `${self:…}`) never alias each other. Strings that still
 * look like variables are literals now (escaped ones); they are recorded so later calls keep them.
 */
function place(container: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  let copy: unknown = value;
  if (Array.isArray(value)) {
    const array: unknown[] = new Array<unknown>(value.length);
    value.forEach((item, index) => place(array, index, item));
    copy = array;
  } else if (isPlainObject(value)) {
    const object: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) {
      // A data property even for "__proto__", which plain assignment would treat as the prototype.
      Object.defineProperty(object, childKey, { value: undefined, writable: true, enumerable: true, configurable: true });
      place(object, childKey, child);
    }
    copy = object;
  } else if (typeof value === 'string' && value.includes('${')) {
    markLiteral(container, key, value);
  }
  (container as Record<string | number, unknown>)[key] = copy;
}

/** A failure that is not a VariableError (a bug, or a pending result in the final pass). */
function describeUnexpected(error: unknown): { message: string; hint: undefined; variableText: undefined } {
  const message = error instanceof PendingSignal
    ? 'Value could not be resolved at this stage'
    : error instanceof Error ? error.message : String(error);
  return { message, hint: undefined, variableText: undefined };
}
