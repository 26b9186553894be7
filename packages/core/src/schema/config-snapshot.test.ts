import { snapshotContainers } from './config-snapshot';

test('puts back replaced values and removes added keys, in the same containers, in order', () => {
  const shared = { x: '1' };
  const list: unknown[] = ['a', shared];
  const root: Record<string, unknown> = { list, nested: { n: '5', shared } };
  const nested = root.nested as Record<string, unknown>;
  const restore = snapshotContainers(root);

  // What ajv's coercion does: assign parent[key].
  list[0] = ['a'];
  shared.x = 1 as unknown as string;
  nested.n = 5;
  nested.added = true;
  root.list = 'replaced';
  restore();

  expect(root.list).toBe(list);
  expect(root.nested).toBe(nested);
  expect(list).toEqual(['a', shared]);
  expect(shared).toEqual({ x: '1' });
  expect(Object.keys(nested)).toEqual(['n', 'shared']);
  expect(nested.n).toBe('5');
});

test('handles cycles and leaves untouched frozen objects alone', () => {
  const root: Record<string, unknown> = { frozen: Object.freeze({ k: 'v' }) };
  root.self = root;
  const restore = snapshotContainers(root);
  root.extra = 1;
  expect(() => restore()).not.toThrow();
  expect(Object.keys(root)).toEqual(['frozen', 'self']);
});
