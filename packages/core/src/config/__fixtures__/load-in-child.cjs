// Loads each service directory given on the command line with `loadServiceConfig`, in a plain
// Node process, and prints the results (or error codes) as JSON. See register-ts.cjs for why.
require('./register-ts.cjs');
const { loadServiceConfig } = require('../index.ts');

(async () => {
  const results = {};
  for (const serviceDir of process.argv.slice(2)) {
    try {
      const loaded = await loadServiceConfig({ serviceDir });
      results[serviceDir] = { fileName: loaded.fileName, configuration: loaded.configuration, location: loaded.locate(['provider', 'name']) };
    } catch (error) {
      results[serviceDir] = { error: error.code ?? 'INTERNAL', message: error.message };
    }
  }
  process.stdout.write(JSON.stringify(results));
})();
