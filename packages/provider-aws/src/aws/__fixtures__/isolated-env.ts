/**
 * For the tests of one file: the given variables are unset before each test and restored after
 * it, so the developer's own AWS settings never leak into a test.
 */
export function isolateEnvironment(keys: readonly string[]): void {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const key of keys) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
  });
  afterEach(() => {
    for (const key of keys) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
}
