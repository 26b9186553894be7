#!/usr/bin/env node
'use strict';
// Start-up is hot: answer --version before loading anything else, and load the one-file bundle
// with V8's code cache (see load-bundle.js).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('./load-bundle.js')().main(argv);
}
