import { hints, messages } from './messages';
import { CycleError } from './signals';

/**
 * A node that can wait: a configuration property (labelled with its path) or a source lookup
 * (unlabelled: it is an implementation detail, never shown in a cycle).
 */
export interface WaitNode {
  readonly label: string | null;
}

/**
 * Who waits for whom while properties and lookups resolve concurrently. Every wait is an edge,
 * added before the wait starts, so a wait that would deadlock is refused at once as a cycle.
 */
export class WaitGraph {
  private readonly edges = new Map<WaitNode, Map<WaitNode, number>>();

  /** Records that `from` waits for `to`; throws a CycleError if `to` already waits for `from`. */
  enter(from: WaitNode, to: WaitNode): void {
    const path = this.findPath(to, from);
    if (path !== null) throw cycleError(path);
    const targets = this.edges.get(from) ?? new Map<WaitNode, number>();
    targets.set(to, (targets.get(to) ?? 0) + 1);
    this.edges.set(from, targets);
  }

  leave(from: WaitNode, to: WaitNode): void {
    const targets = this.edges.get(from);
    const count = targets?.get(to) ?? 0;
    if (count > 1) targets?.set(to, count - 1);
    else if (targets?.delete(to) === true && targets.size === 0) this.edges.delete(from);
  }

  /** Nodes from `start` to `goal` following waits (both included), or null. */
  private findPath(start: WaitNode, goal: WaitNode): WaitNode[] | null {
    if (start === goal) return [start];
    if ((this.edges.get(start)?.size ?? 0) === 0) return null; // the usual case: it waits for nothing
    const cameFrom = new Map<WaitNode, WaitNode | null>([[start, null]]);
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop() as WaitNode;
      if (node === goal) {
        const path: WaitNode[] = [];
        for (let step: WaitNode | null | undefined = node; step; step = cameFrom.get(step)) path.unshift(step);
        return path;
      }
      for (const next of this.edges.get(node)?.keys() ?? []) {
        if (cameFrom.has(next)) continue;
        cameFrom.set(next, node);
        stack.push(next);
      }
    }
    return null;
  }
}

/**
 * `path` runs from the node waited for to the node that wanted to wait. The property that reports
 * the cycle is the last one on it (the waiter itself, or the property owning the waiting lookup).
 */
function cycleError(path: readonly WaitNode[]): CycleError {
  const properties = path.filter((node) => node.label !== null);
  const owner = properties[properties.length - 1] ?? path[path.length - 1] ?? {};
  const labels = properties.map((node) => node.label ?? '');
  const chain = labels.length === 0 ? [] : [labels[labels.length - 1] ?? '', ...labels];
  return new CycleError(messages.circular(chain), owner, hints.circular());
}
