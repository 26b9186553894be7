// Test support for the event packages (private; never imported by shipped code).
export * from './cli-validation';
export * from './compile-context';
export * from './corpus';
export * from './moto-server';
export * from './python-tools';
export * from './errors';
