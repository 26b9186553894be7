import { redactValue } from './redaction';
import { captureLogger } from './test-support';

it('masks each value, its JSON-escaped form, and a longer secret whole when it contains a shorter one', () => {
  const { log, lines } = captureLogger();
  redactValue(log, 'abc');
  redactValue(log, 'abcdef');
  redactValue(log, 'line1\n"q"');
  redactValue(log, '');
  log.notice('abcdef and abc');
  log.writeText(JSON.stringify({ v: 'line1\n"q"' }));
  expect(lines.join('')).toBe('**** and ****\n{"v":"****"}\n');
});
