import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { ConfigLocation, LocateProperty } from './locate';

/** A node reached while walking a property path, with the offset that represents it in the file. */
interface Step {
  node: unknown;
  offset: number;
}

/**
 * Builds `locate(path)` over a parsed YAML (or JSON) document: the position of the deepest key on
 * the path that exists in the file — the key for mapping entries, the item for sequence entries.
 * Values added later (variables, plugins) are not in the file, so they point at their closest
 * written ancestor, which is where a user would go to fix them.
 */
export function createYamlLocator(document: Document, lineCounter: LineCounter, fileName: string): LocateProperty {
  const toLocation = (offset: number | undefined): ConfigLocation => {
    if (offset === undefined) return { file: fileName };
    const { line, col } = lineCounter.linePos(offset);
    return { file: fileName, line, column: col };
  };

  return (path) => {
    let node: unknown = document.contents;
    let offset = (document.contents as Node | null)?.range?.[0];
    for (const segment of path) {
      const step = childStep(node, segment, document, new Set());
      if (step === undefined) break;
      ({ node, offset } = step);
    }
    return toLocation(offset);
  };
}

function childStep(node: unknown, segment: string | number, document: Document, seenAliases: Set<unknown>): Step | undefined {
  if (isAlias(node)) {
    // Guards against alias cycles (`a: &x [*x]`), which YAML allows.
    if (seenAliases.has(node)) return undefined;
    seenAliases.add(node);
    return childStep(node.resolve(document), segment, document, seenAliases);
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === String(segment) && pair.key.range) {
        return { node: pair.value, offset: pair.key.range[0] };
      }
    }
    // `<<: *base` merge keys: a key not written here may come from the merged mapping(s).
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !isMergeKey(pair.key.value)) continue;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const step = childStep(source, segment, document, seenAliases);
        if (step !== undefined) return step;
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
    const item = node.items[index] as Node | null | undefined;
    if (item?.range) return { node: item, offset: item.range[0] };
  }
  return undefined;
}

/** yaml represents a `<<` merge key by a symbol when merging is on. */
function isMergeKey(value: unknown): boolean {
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/** For configs that keep no positions (JS/TS): every property is located at the file. */
export function locateFileOnly(fileName: string): LocateProperty {
  return () => ({ file: fileName });
}
