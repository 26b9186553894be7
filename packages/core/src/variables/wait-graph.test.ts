import { CycleError } from './signals';
import { WaitGraph, type WaitNode } from './wait-graph';

const node = (label: string | null): WaitNode => ({ label });

test('waits that close a cycle are refused with the chain of properties', () => {
  const graph = new WaitGraph();
  const [a, b, c] = [node('a'), node('b'), node('c')];
  const lookup = node(null);
  graph.enter(a, lookup);
  graph.enter(lookup, b);
  graph.enter(b, c);
  let error: unknown;
  try {
    graph.enter(c, a);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(CycleError);
  expect((error as CycleError).message).toBe('Circular reference: c → a → b → c');
  expect((error as CycleError).owner).toBe(c);
});

test('a finished wait no longer counts, even when entered twice', () => {
  const graph = new WaitGraph();
  const [a, b] = [node('a'), node('b')];
  graph.enter(a, b);
  graph.enter(a, b);
  graph.leave(a, b);
  expect(() => graph.enter(b, a)).toThrow(CycleError);
  graph.leave(a, b);
  expect(() => graph.enter(b, a)).not.toThrow();
});
