import { isLiteral } from './literal-strings';
import { parseTemplate, VariableSyntaxError, type Template } from './parse';
import { humanizePath, isPlainObject, type PropertyPath } from './property-path';

type Container = Record<string, unknown> | unknown[];

/** A string value in the configuration that holds variables (or `\${…}` escapes to unescape). */
export interface VariableProperty {
  readonly path: PropertyPath;
  /** Humanized path, e.g. `functions.hello.timeout`. */
  readonly label: string;
  /** Where the value lives, so the resolved value can replace it in place. */
  readonly container: Container;
  readonly key: string | number;
  /** Null when the value has a syntax error. */
  readonly template: Template | null;
  readonly syntaxError: string | null;
}

/** The configuration's shape, reduced to the branches that lead to variable properties. */
export interface PropertyTree {
  readonly children: Map<string, PropertyTree>;
  property: VariableProperty | null;
  /** Every property in this branch, computed on first use. */
  below?: VariableProperty[];
}

export interface CollectedProperties {
  readonly properties: readonly VariableProperty[];
  readonly tree: PropertyTree;
}

/**
 * One pass over the configuration: every string value is checked once (keys never are).
 * Properties come out in document order, which is the order errors are reported in.
 */
export function collectVariableProperties(configuration: Record<string, unknown>): CollectedProperties {
  const properties: VariableProperty[] = [];
  const tree: PropertyTree = { children: new Map(), property: null };
  const ancestors = new Set<unknown>();
  const path: Array<string | number> = []; // shared and copied only for properties: most values have no variables

  const visit = (container: Container, key: string | number, value: unknown): void => {
    if (typeof value === 'string') {
      const property = toProperty(container, key, value, path);
      if (property !== null) {
        properties.push(property);
        addToTree(tree, property);
      }
      return;
    }
    if (Array.isArray(value) || isPlainObject(value)) visitChildren(value);
  };

  const visitChildren = (container: Container): void => {
    if (ancestors.has(container)) return; // JS configs can be cyclic; YAML aliases are shared, not cyclic
    ancestors.add(container);
    if (Array.isArray(container)) {
      for (let index = 0; index < container.length; index += 1) {
        path.push(index);
        visit(container, index, container[index]);
        path.pop();
      }
    } else {
      for (const key of Object.keys(container)) {
        path.push(key);
        visit(container, key, container[key]);
        path.pop();
      }
    }
    ancestors.delete(container);
  };

  visitChildren(configuration);
  return { properties, tree };
}

/** All properties at `path` or below, or the property above it whose value replaces the branch. */
export function propertiesAt(tree: PropertyTree, path: readonly string[]): readonly VariableProperty[] {
  let node = tree;
  for (const key of path) {
    if (node.property !== null) return [node.property];
    const child = node.children.get(key);
    if (child === undefined) return [];
    node = child;
  }
  return propertiesBelow(node);
}

function propertiesBelow(node: PropertyTree): VariableProperty[] {
  if (node.below === undefined) {
    node.below = node.property !== null ? [node.property] : [...node.children.values()].flatMap(propertiesBelow);
  }
  return node.below;
}

function toProperty(
  container: Container,
  key: string | number,
  value: string,
  currentPath: PropertyPath,
): VariableProperty | null {
  if (!value.includes('${') || isLiteral(container, key, value)) return null;
  let template: Template | null;
  let syntaxError: string | null = null;
  try {
    template = parseTemplate(value);
    if (template === null) return null; // `${AWS::Region}` and friends: plain text
  } catch (error) {
    if (!(error instanceof VariableSyntaxError)) throw error;
    template = null;
    syntaxError = error.message;
  }
  const path = [...currentPath];
  return { path, label: humanizePath(path), container, key, template, syntaxError };
}

function addToTree(tree: PropertyTree, property: VariableProperty): void {
  let node = tree;
  for (const key of property.path) {
    const name = String(key);
    let child = node.children.get(name);
    if (child === undefined) {
      child = { children: new Map(), property: null };
      node.children.set(name, child);
    }
    node = child;
  }
  node.property = property;
}
