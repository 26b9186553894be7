import type { ErrorObject } from 'ajv';
import type { JsonSchema } from './json-schema';

/** Errors that say "this branch is for another kind of value", not "this value is wrong". */
const SHAPE_KEYWORDS: ReadonlySet<string> = new Set(['type', 'const']);

export interface FilteredError {
  error: ErrorObject;
  /** An `anyOf`/`oneOf` none of whose branches fits the value at all ("unsupported …"). */
  unsupported: boolean;
}

/**
 * ajv reports every failed `anyOf` branch. For `events: [{ schedule: 'bad' }]` that is one error
 * per event type; the user needs only the `schedule` one. For each failed `anyOf`/`oneOf` this
 * drops the branches meant for another kind of value (wrong `type`/`const`, or — when another
 * branch has its required keys — missing required keys), prefers branches whose errors are all
 * deeper in the value, and keeps the errors of the branches that remain. When none fits, the
 * `anyOf` error alone stays, marked `unsupported`.
 *
 * Branch errors are attributed by schema object identity (ajv's `verbose` `parentSchema`), since
 * errors inside a `$ref` carry the referenced schema's path, not the branch's.
 */
export function filterBranchErrors(errors: readonly ErrorObject[], rootSchema: JsonSchema): FilteredError[] {
  const removed = new Set<number>();
  const unsupported = new Set<number>();
  const reach = new ReachableSchemas(rootSchema);

  // Forward: inner `anyOf`s come before the outer ones they are nested in, so they are settled first.
  errors.forEach((error, index) => {
    if (removed.has(index) || !isBranchingError(error)) return;
    const branches = error.schema as JsonSchema[];
    const groups = attributeBranchErrors(errors, index, branches, reach);
    const atSamePath = (group: number[], test: (e: ErrorObject, i: number) => boolean) =>
      group.some((i) => !removed.has(i) && errors[i]!.instancePath === error.instancePath && test(errors[i]!, i));

    const fitting = groups.filter((group) => group.length === 0 || !atSamePath(group, (e, i) => SHAPE_KEYWORDS.has(e.keyword) || unsupported.has(i)));
    const complete = fitting.filter((group) => !atSamePath(group, (e) => e.keyword === 'required'));
    // One branch of the right type: its missing keys are the user's mistake. Several: the
    // required keys are what tells them apart (e.g. the event name), so keep those that have them.
    const candidates = fitting.length === 1 ? fitting : complete;
    // Among several, a branch whose only complaints are deeper fits this level and is the one the
    // user meant (an object with a bad nested value, rather than an object with an unknown key).
    const fitsThisLevel = candidates.filter((group) => group.length > 0 && !atSamePath(group, () => true));
    const relevant = candidates.length > 1 && fitsThisLevel.length > 0 ? fitsThisLevel : candidates;

    for (const group of groups) {
      if (!relevant.includes(group)) group.forEach((i) => removed.add(i));
    }
    if (relevant.length === 0) unsupported.add(index);
    else removed.add(index);
  });

  return errors.flatMap((error, index) => (removed.has(index) || error.keyword === 'if' ? [] : [{ error, unsupported: unsupported.has(index) }]));
}

function isBranchingError(error: ErrorObject): boolean {
  if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return false;
  // oneOf also fails when several branches pass; then there are no branch errors to sort out.
  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
  return Array.isArray(error.schema) && (passing === undefined || passing === null);
}

/**
 * The indexes of the errors each branch produced. ajv pushes a failed `anyOf`'s branch errors
 * right before it, branch by branch, so walk back while errors belong to the current branch or an
 * earlier one. Errors at the `anyOf`'s own value whose schema path runs through the branch are
 * certain; others are matched by which schemas the branch can reach for that part of the value.
 */
function attributeBranchErrors(errors: readonly ErrorObject[], anyOfIndex: number, branches: JsonSchema[], reach: ReachableSchemas): number[][] {
  const anyOf = errors[anyOfIndex]!;
  const groups: number[][] = branches.map(() => []);
  let branch = branches.length - 1;
  for (let index = anyOfIndex - 1; index >= 0 && branch >= 0; index -= 1) {
    const error = errors[index]!;
    if (!isWithin(error.instancePath, anyOf.instancePath) || typeof error.parentSchema !== 'object') break;
    const anchored = error.instancePath === anyOf.instancePath ? branchInSchemaPath(error.schemaPath, anyOf.schemaPath) : undefined;
    if (anchored !== undefined && anchored <= branch) {
      branch = anchored;
    } else {
      const segment = firstSegmentBelow(error.instancePath, anyOf.instancePath);
      while (branch >= 0 && !reach.canReport(branches[branch]!, segment, error.parentSchema)) branch -= 1;
      if (branch < 0) break;
    }
    groups[branch]!.push(index);
  }
  return groups;
}

/** `#/…/anyOf/3/required` under `#/…/anyOf` → 3. */
function branchInSchemaPath(schemaPath: string, anyOfPath: string): number | undefined {
  if (!schemaPath.startsWith(`${anyOfPath}/`)) return undefined;
  const match = /^(\d+)(?:\/|$)/.exec(schemaPath.slice(anyOfPath.length + 1));
  return match ? Number(match[1]) : undefined;
}

function isWithin(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/** The first JSON-pointer segment of `path` below `base`; undefined when they are equal. */
function firstSegmentBelow(path: string, base: string): string | undefined {
  if (path === base) return undefined;
  return decodePointerSegment(path.slice(base.length + 1).split('/')[0]!);
}

function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Which schema objects a branch can report errors from. At the branch's own value: the branch
 * and what it combines (`$ref`, `allOf`, `anyOf`, …). Below it: everything reachable from the
 * subschemas that apply to that key or index (`properties[key]`, matching `patternProperties`,
 * `additionalProperties`, `items`).
 */
class ReachableSchemas {
  private readonly sameLevel = new WeakMap<object, Set<object>>();
  private readonly everything = new WeakMap<object, Set<object>>();
  private readonly bySegment = new WeakMap<object, Map<string, Set<object>>>();

  constructor(private readonly root: JsonSchema) {}

  canReport(branch: JsonSchema, segment: string | undefined, schema: object): boolean {
    return segment === undefined ? this.atSameLevel(branch).has(schema) : this.belowKey(branch, segment).has(schema);
  }

  private atSameLevel(branch: JsonSchema): Set<object> {
    let chain = this.sameLevel.get(branch);
    if (chain === undefined) {
      chain = new Set();
      this.collectSameLevel(branch, chain);
      this.sameLevel.set(branch, chain);
    }
    return chain;
  }

  private collectSameLevel(node: unknown, into: Set<object>): void {
    if (!isSchemaObject(node) || into.has(node)) return;
    into.add(node);
    if (typeof node.$ref === 'string') this.collectSameLevel(this.resolveRef(node.$ref), into);
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const members = node[keyword];
      if (Array.isArray(members)) members.forEach((member) => this.collectSameLevel(member, into));
    }
    for (const keyword of ['not', 'if', 'then', 'else'] as const) this.collectSameLevel(node[keyword], into);
  }

  private belowKey(branch: JsonSchema, segment: string): Set<object> {
    let perSegment = this.bySegment.get(branch);
    if (perSegment === undefined) this.bySegment.set(branch, (perSegment = new Map()));
    let reachable = perSegment.get(segment);
    if (reachable === undefined) {
      reachable = new Set();
      for (const schema of this.atSameLevel(branch)) {
        for (const child of childSchemasFor(schema as JsonSchema, segment)) {
          for (const reached of this.allFrom(child)) reachable.add(reached);
        }
      }
      perSegment.set(segment, reachable);
    }
    return reachable;
  }

  private allFrom(node: object): Set<object> {
    let reachable = this.everything.get(node);
    if (reachable === undefined) {
      reachable = new Set();
      this.collectAll(node, reachable);
      this.everything.set(node, reachable);
    }
    return reachable;
  }

  private collectAll(node: unknown, into: Set<object>): void {
    if (typeof node !== 'object' || node === null || into.has(node)) return;
    into.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') this.collectAll(this.resolveRef(ref), into);
    for (const child of Object.values(node)) this.collectAll(child, into);
  }

  private resolveRef(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = this.root;
    for (const segment of ref.slice(1).split('/').slice(1)) {
      if (!isSchemaObject(node)) return undefined;
      node = node[decodePointerSegment(decodeURIComponent(segment))];
    }
    return node;
  }
}

function childSchemasFor(schema: JsonSchema, segment: string): object[] {
  const children: unknown[] = [schema.properties?.[segment], schema.additionalProperties, schema.items, schema.additionalItems, schema.contains];
  for (const [pattern, child] of Object.entries(schema.patternProperties ?? {})) {
    if (safeTest(pattern, segment)) children.push(child);
  }
  if (Array.isArray(schema.items) && /^\d+$/.test(segment)) children.push(schema.items[Number(segment)]);
  return children.filter((child): child is object => typeof child === 'object' && child !== null);
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

function isSchemaObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
