import { CommandRegistry } from './command-registry';

test('definitions of the same command merge: options first-wins, sub-commands merged, events replaced only when given', () => {
  const registry = new CommandRegistry();
  registry.register('core', 'invoke', {
    usage: 'Invoke',
    lifecycleEvents: ['invoke'],
    options: { function: { type: 'string', usage: 'core' } },
    commands: { local: { lifecycleEvents: ['loadEnvVars', 'invoke'] } },
  });
  registry.register('watcher', 'invoke', {
    lifecycleEvents: [],
    options: { function: { type: 'string', usage: 'plugin' }, watch: { type: 'boolean' } },
    commands: { local: { options: { watch: { type: 'boolean' } } }, stepf: { lifecycleEvents: ['invoke'] } },
  });
  const invoke = registry.find(['invoke'])!;
  expect(invoke.lifecycleEvents).toEqual(['invoke']);
  expect(invoke.options.function?.usage).toBe('core');
  expect(Object.keys(invoke.options)).toEqual(['function', 'watch']);
  expect(invoke.owners).toEqual(['core', 'watcher']);
  expect(registry.find(['invoke', 'local'])!.options.watch).toEqual({ type: 'boolean' });
  expect(registry.find(['invoke', 'stepf'])!.key).toBe('invoke:stepf');
});

test('entry points are hidden from users and their sub-commands are entry points too', () => {
  const registry = new CommandRegistry();
  registry.register('aws', 'aws', { type: 'entrypoint', commands: { info: { lifecycleEvents: ['validate'] } } });
  expect(registry.find(['aws', 'info'])!.type).toBe('entrypoint');
  expect(() => registry.findForUser(['aws', 'info'])).toThrow(/not a stratus command/);
  expect(registry.userCommands()).toHaveLength(0);
});

test('unknown commands suggest the closest one', () => {
  const registry = new CommandRegistry();
  registry.register('core', 'deploy', { lifecycleEvents: ['deploy'], commands: { function: { lifecycleEvents: ['deploy'] } } });
  expect(() => registry.findForUser(['deploi'])).toThrow('Did you mean "deploy"?');
  expect(() => registry.findForUser(['deploy', 'functoin'])).toThrow('Did you mean "deploy function"?');
});

test('aliases resolve to their command and may not shadow one', () => {
  const registry = new CommandRegistry();
  registry.register('core', 'deploy', { lifecycleEvents: ['deploy'] });
  registry.register('p', 'ship', { aliases: ['go'], lifecycleEvents: ['ship'] });
  expect(registry.find(['go'])!.key).toBe('ship');
  expect(() => registry.register('q', 'other', { aliases: ['deploy'] })).toThrow(/already a command/);
  expect(() => registry.register('r', 'third', { aliases: ['go'] })).toThrow(/both "p" and "r"/);
});

test('lifecycle hook ids include before/after variants and the global hooks', () => {
  const registry = new CommandRegistry();
  registry.register('core', 'package', { lifecycleEvents: ['initialize'] });
  expect([...registry.lifecycleHookIds()].sort()).toEqual(
    ['after:package:initialize', 'before:package:initialize', 'error', 'finalize', 'initialize', 'package:initialize'].sort(),
  );
});
