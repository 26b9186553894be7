import { createLogger } from './logger';
import { createProgressFactory } from './progress';

function capture(settings: { verbose?: boolean; debug?: boolean } = {}) {
  const err: string[] = [];
  const out: string[] = [];
  const log = createLogger({ ...settings, sink: { write: (t) => err.push(t) }, textSink: { write: (t) => out.push(t) } });
  return { log, err, out };
}

test('levels: verbose and info need --verbose, debug needs --debug', () => {
  const quiet = capture();
  for (const level of ['error', 'warning', 'notice', 'success', 'info', 'verbose', 'debug'] as const) quiet.log[level](level);
  quiet.log('plain');
  expect(quiet.err).toEqual(['Error: error\n', 'Warning: warning\n', 'notice\n', '✔ success\n', 'plain\n']);
  const loud = capture({ verbose: true, debug: true });
  loud.log.child('my-plugin').debug('details');
  loud.log.info('info');
  expect(loud.err).toEqual(['[my-plugin] details\n', 'info\n']);
});

test('writeText goes to stdout, logs to stderr', () => {
  const { log, err, out } = capture();
  log.child('p').writeText('result', 42);
  expect(out).toEqual(['result 42\n']);
  expect(err).toEqual([]);
});

test('registered secrets are masked everywhere', () => {
  const { log, err, out } = capture();
  log.settings.redactions.add('s3cr3t');
  log.error('token s3cr3t failed');
  log.writeText({ value: 's3cr3t' });
  expect(err.join('')).toBe('Error: token **** failed\n');
  expect(out.join('')).toBe('{"value":"****"}\n');
});

test('progress prints plain lines when not interactive, once per distinct message', () => {
  const lines: string[] = [];
  const progress = createProgressFactory({ sink: { write: (t) => lines.push(t) }, interactive: false });
  const p = progress.create({ message: 'Packaging', name: 'main' });
  p.update('Packaging');
  p.update('Zipping');
  progress.get('main').notice('Done');
  progress.get('main').remove();
  expect(lines).toEqual(['Packaging\n', 'Zipping\n', 'Done\n']);
});

test('progress animates on a TTY and clears its line when removed', () => {
  const lines: string[] = [];
  const progress = createProgressFactory({ sink: { write: (t) => lines.push(t) }, interactive: true });
  const p = progress.create({ message: 'Deploying' });
  p.remove();
  expect(lines[0]).toContain('Deploying');
  expect(lines[lines.length - 1]).toBe('\r\x1b[2K');
});
